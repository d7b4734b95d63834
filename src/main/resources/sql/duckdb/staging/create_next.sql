-- The table a run loads into, shaped like the staging table it will replace. Loader threads append
-- to it at once, each through its own connection and appender.
CREATE OR REPLACE TABLE {{next}} AS SELECT * FROM {{table}} LIMIT 0
