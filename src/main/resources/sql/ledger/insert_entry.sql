INSERT INTO load_ledger (source, staging_table, object_key, object_size, object_version, staged_rows, run_id,
                         loaded_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
