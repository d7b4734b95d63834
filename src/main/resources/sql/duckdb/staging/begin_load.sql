-- Any statement opens the loader's transaction (the JDBC driver begins it lazily); this one reads nothing.
SELECT 1
