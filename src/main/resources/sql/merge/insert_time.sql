-- One row per songplay start_time not in time yet. Only this run's plays can bring one (a re-match
-- keeps start_time), so only start times staged are looked up.
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT t.start_time,
       EXTRACT(hour FROM t.start_time),
       EXTRACT(day FROM t.start_time),
       EXTRACT(week FROM t.start_time),
       EXTRACT(month FROM t.start_time),
       EXTRACT(year FROM t.start_time),
       EXTRACT(dow FROM t.start_time)
FROM (SELECT DISTINCT start_time
      FROM songplays
      WHERE start_time IN (SELECT ts FROM staging_events WHERE page = 'NextSong')) t
LEFT JOIN time x ON x.start_time = t.start_time
WHERE x.start_time IS NULL
