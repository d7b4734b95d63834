-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY staging_events;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE staging_events;

-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY staging_songs;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE staging_songs;

-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY songplays;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE songplays;

-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY users;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE users;

-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY songs;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE songs;

-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY artists;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE artists;

-- After a committed run: reclaims the rows the run's DELETEs marked, without re-sorting (the tables
-- were loaded whole). Cannot run inside a transaction block, so never inside the run's.
VACUUM DELETE ONLY time;

-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE time;
