-- What an incremental run compares with one location's listing: the key, size and version of each object
-- of that location the ledger holds for one staging table (the run that loaded one is read only when an
-- object changed).
SELECT object_key, object_size, object_version
FROM load_ledger
WHERE staging_table = ?
  AND source = ?
