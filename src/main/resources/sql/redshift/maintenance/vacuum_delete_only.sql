-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY {{table}}
