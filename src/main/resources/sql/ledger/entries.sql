-- What the ledger holds of one staging table's objects, to tell new and changed objects from loaded ones.
SELECT source, object_key, object_size, object_version, run_id
FROM load_ledger
WHERE staging_table = ?
