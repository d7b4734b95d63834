-- Records the COPY rejected, on provisioned clusters: STL_LOAD_ERRORS has the raw record and field value.
-- Binds: session (pg_backend_pid), table name, the baseline query id taken before the COPY.
-- Columns: file, line, column, reason, raw field value, raw record, total rejected by that COPY.
SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason), TRIM(raw_field_value), TRIM(raw_line),
       COUNT(*) OVER ()
FROM stl_load_errors
WHERE session = ?
  AND tbl IN (SELECT id FROM stv_tbl_perm WHERE TRIM(name) = ?)
  AND query > ?
ORDER BY filename, line_number
LIMIT {{limit}}
