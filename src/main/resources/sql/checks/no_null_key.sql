-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM {{table}} WHERE {{key}} IS NULL
