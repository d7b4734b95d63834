-- Records a COPY rejected, on Serverless and provisioned alike; this view has no raw record.
-- Same columns as load_errors_stl: file, line, column, reason, raw field value, raw record, total.
SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message), CAST(NULL AS VARCHAR(1)),
       CAST(NULL AS VARCHAR(1)), COUNT(*) OVER ()
FROM sys_load_error_detail
WHERE query_id = ?
ORDER BY file_name, line_number
LIMIT {{limit}}
