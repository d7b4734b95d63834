-- Songplays per hour of the day (start_time is UTC), all 24 hours with zeros, or no rows at all
-- while songplays is empty (nothing loaded yet). The hours are a UNION list because
-- generate_series runs only on Redshift's leader node.
WITH hours AS (
    SELECT 0 AS hour_of_day UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
    UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
    UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
    UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15
    UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18 UNION ALL SELECT 19
    UNION ALL SELECT 20 UNION ALL SELECT 21 UNION ALL SELECT 22 UNION ALL SELECT 23
),
plays AS (
    SELECT hour_of_day, COUNT(*) AS plays
    FROM (
        SELECT EXTRACT(hour FROM start_time) AS hour_of_day
        FROM songplays
        WHERE (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
          AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
          AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
    ) filtered
    GROUP BY hour_of_day
)
SELECT h.hour_of_day, COALESCE(p.plays, 0) AS plays
FROM hours h
LEFT JOIN plays p ON p.hour_of_day = h.hour_of_day
WHERE EXISTS (SELECT 1 FROM songplays)
ORDER BY h.hour_of_day
