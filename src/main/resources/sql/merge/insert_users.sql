-- Users not in the table (new, or deleted above to be picked again), with the level of their latest
-- play over every event loaded, as the full run picks it. Only events at a user's latest start_time can
-- be picked, so the ranking reads those instead of every event loaded.
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT p.user_id, p.first_name, p.last_name, p.gender, p.level
FROM (
    SELECT e.user_id, e.first_name, e.last_name, e.gender, e.level,
           ROW_NUMBER() OVER (PARTITION BY e.user_id
                              ORDER BY e.start_time DESC, e.session_id DESC, e.item_in_session DESC) AS pick
    FROM loaded_events e
    JOIN (SELECT user_id, MAX(start_time) AS start_time
          FROM loaded_events
          WHERE user_id IS NOT NULL
            AND user_id NOT IN (SELECT user_id FROM users WHERE user_id IS NOT NULL)
          GROUP BY user_id) latest
      ON latest.user_id = e.user_id
     AND latest.start_time = e.start_time
) p
WHERE p.pick = 1
