-- Records the COPY rejected, where STL_LOAD_ERRORS does not exist; this view has no raw record. The COPY
-- is the newest of this session into this table above the baseline. Binds: session, table name twice,
-- the baseline query id. Same columns as load_errors_stl.
SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message), CAST(NULL AS VARCHAR(1)),
       CAST(NULL AS VARCHAR(1)), COUNT(*) OVER ()
FROM sys_load_error_detail
WHERE query_id = (SELECT MAX(query_id)
                  FROM sys_load_history
                  WHERE session_id = ?
                    AND (TRIM(table_name) = ? OR TRIM(table_name) LIKE '%.' || ?)
                    AND query_id > ?)
ORDER BY file_name, line_number
LIMIT {{limit}}
