-- One page of the ledger, objects whose key starts with :prefix (bound as a LIKE pattern), by key.
SELECT source, object_key, object_size, object_version, staged_rows, run_id, loaded_at
FROM load_ledger
WHERE object_key LIKE ? ESCAPE '!'
ORDER BY object_key, source
LIMIT ? OFFSET ?
