-- Violations: songplays whose start_time has no row in time.
SELECT COUNT(*)
FROM songplays sp
LEFT JOIN time t ON t.start_time = sp.start_time
WHERE t.start_time IS NULL
