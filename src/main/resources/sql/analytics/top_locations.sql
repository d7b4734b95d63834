-- Locations with the most songplays, and the distinct users there. Plays without a location are left
-- out. rnk: plays descending, then location.
SELECT rnk, location, plays, users
FROM (
    SELECT location, plays, users,
           ROW_NUMBER() OVER (ORDER BY plays DESC, location) AS rnk
    FROM (
        SELECT location, COUNT(*) AS plays, COUNT(DISTINCT user_id) AS users
        FROM songplays
        WHERE location IS NOT NULL
          AND (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
          AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
          AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
        GROUP BY location
    ) p
) ranked
WHERE rnk <= :limit
ORDER BY rnk
