-- Songplays per ISO day of the week (1 = Monday ... 7 = Sunday, UTC), all 7 days with zeros, or no
-- rows while songplays is empty. EXTRACT(dow) is 0 = Sunday on both engines; Redshift has no isodow.
WITH weekdays AS (
    SELECT 1 AS iso_weekday UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
),
plays AS (
    SELECT iso_weekday, COUNT(*) AS plays
    FROM (
        SELECT CASE WHEN EXTRACT(dow FROM start_time) = 0 THEN 7
                    ELSE EXTRACT(dow FROM start_time) END AS iso_weekday
        FROM songplays
        WHERE (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
          AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
          AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
    ) filtered
    GROUP BY iso_weekday
)
SELECT w.iso_weekday, COALESCE(p.plays, 0) AS plays
FROM weekdays w
LEFT JOIN plays p ON p.iso_weekday = w.iso_weekday
WHERE EXISTS (SELECT 1 FROM songplays)
ORDER BY w.iso_weekday
