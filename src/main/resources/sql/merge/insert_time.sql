-- One row per songplay start_time not in time yet.
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT t.start_time,
       EXTRACT(hour FROM t.start_time),
       EXTRACT(day FROM t.start_time),
       EXTRACT(week FROM t.start_time),
       EXTRACT(month FROM t.start_time),
       EXTRACT(year FROM t.start_time),
       EXTRACT(dow FROM t.start_time)
FROM (SELECT DISTINCT start_time FROM songplays) t
LEFT JOIN time x ON x.start_time = t.start_time
WHERE x.start_time IS NULL
