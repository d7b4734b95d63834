-- Violations: key values that occur more than once.
SELECT COUNT(*) FROM (SELECT {{key}} FROM {{table}} GROUP BY {{key}} HAVING COUNT(*) > 1) d
