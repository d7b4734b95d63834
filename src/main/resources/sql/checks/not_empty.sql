-- Violations: 1 when the table is empty.
SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM {{table}}
