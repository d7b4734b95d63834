-- Users with the most songplays. The level filter applies to the play (songplays.level); name and
-- level come from users, i.e. the user's latest level. rnk: plays descending, then user_id.
SELECT rnk, user_id, first_name, last_name, level, plays
FROM (
    SELECT p.user_id, u.first_name, u.last_name, u.level, p.plays,
           ROW_NUMBER() OVER (ORDER BY p.plays DESC, p.user_id) AS rnk
    FROM (
        SELECT user_id, COUNT(*) AS plays
        FROM songplays
        WHERE (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
          AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
          AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
        GROUP BY user_id
    ) p
    JOIN users u ON u.user_id = p.user_id
) ranked
WHERE rnk <= :limit
ORDER BY rnk
