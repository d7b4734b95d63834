-- The size and version the ledger holds of some of one location's objects (those a watched folder's
-- journal names as changed), a few hundred keys per statement.
SELECT object_key, object_size, object_version
FROM load_ledger
WHERE staging_table = ?
  AND source = ?
  AND object_key IN ({{keys}})
