-- A few hundred objects per statement, a row of eight parameters each (one append per statement,
-- where one statement per object made DuckDB hold a chunk per row in the transaction).
INSERT INTO load_ledger (source, staging_table, object_key, object_size, object_version, staged_rows, run_id,
                         loaded_at)
VALUES {{rows}}
