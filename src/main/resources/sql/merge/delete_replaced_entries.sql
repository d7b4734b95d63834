-- Ledger rows of the objects loaded again: this run records them anew.
DELETE FROM load_ledger
WHERE EXISTS (SELECT 1 FROM merge_replaced r
              WHERE r.run_id = load_ledger.run_id AND r.staging_table = load_ledger.staging_table)
