-- Songplays per level at the time of the play, with the distinct users who played at that level
-- (a user who upgraded counts under both). Levels without plays in the window have no row.
SELECT level, COUNT(DISTINCT user_id) AS users, COUNT(*) AS plays
FROM songplays
WHERE level IS NOT NULL
  AND (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
  AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
GROUP BY level
ORDER BY level
