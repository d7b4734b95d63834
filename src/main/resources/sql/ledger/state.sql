-- The ledger's state for one location's objects of one staging table: what a watched folder's journal was
-- made against (any run, reset or other writer changes the count or the latest load).
SELECT COUNT(*), MAX(loaded_at)
FROM load_ledger
WHERE staging_table = ?
  AND source = ?
