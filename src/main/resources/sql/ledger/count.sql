SELECT COUNT(*) FROM load_ledger WHERE object_key LIKE ? ESCAPE '!'
