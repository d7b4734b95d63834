-- Before a COPY, where STL_LOAD_ERRORS does not exist (Serverless, Multi-AZ): the newest COPY of this
-- session into this table, or -1. SYS query ids are not STL's. Binds: session, table name twice (the
-- view's table_name may or may not carry the schema).
SELECT COALESCE(MAX(query_id), -1)
FROM sys_load_history
WHERE session_id = ?
  AND (TRIM(table_name) = ? OR TRIM(table_name) LIKE '%.' || ?)
