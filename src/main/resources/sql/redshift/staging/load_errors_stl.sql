-- Records a COPY rejected, on provisioned clusters: STL_LOAD_ERRORS has the raw record and field value.
-- Columns: file, line, column, reason, raw field value, raw record, total rejected by that COPY.
SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason), TRIM(raw_field_value), TRIM(raw_line),
       COUNT(*) OVER ()
FROM stl_load_errors
WHERE query = ?
ORDER BY filename, line_number
LIMIT {{limit}}
