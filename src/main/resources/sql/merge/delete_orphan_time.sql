-- time rows whose plays were all replaced.
DELETE FROM time
WHERE start_time NOT IN (SELECT start_time FROM songplays)
