-- Users not in the table (new, or deleted above to be picked again), with the level of their latest
-- play over every event loaded, as the full run picks it.
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT p.user_id, p.first_name, p.last_name, p.gender, p.level
FROM (
    SELECT user_id, first_name, last_name, gender, level,
           ROW_NUMBER() OVER (PARTITION BY user_id
                              ORDER BY start_time DESC, session_id DESC, item_in_session DESC) AS pick
    FROM loaded_events
    WHERE user_id IS NOT NULL
) p
LEFT JOIN users u ON u.user_id = p.user_id
WHERE p.pick = 1
  AND u.user_id IS NULL
