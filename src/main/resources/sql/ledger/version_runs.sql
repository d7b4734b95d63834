-- How many of one location's objects (for one staging table) each run recorded in the ledger: a run's
-- entries are written once and removed only all together, so these counts tell whether the ledger still
-- holds what the service last read or wrote of that location.
SELECT run_id, COUNT(*)
FROM load_ledger
WHERE staging_table = ?
  AND source = ?
GROUP BY run_id
