-- Before a COPY: the newest query id with load errors of this session into this table, or -1. Rows
-- above it are the next COPY's. Binds: session (pg_backend_pid), table name.
SELECT COALESCE(MAX(query), -1)
FROM stl_load_errors
WHERE session = ?
  AND tbl IN (SELECT id FROM stv_tbl_perm WHERE TRIM(name) = ?)
