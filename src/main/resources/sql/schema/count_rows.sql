SELECT '{{table}}' AS table_name, COUNT(*) AS row_count FROM {{table}}
