-- Users not in the table (new, or deleted above to be picked again), with the level and names of their
-- latest play over every event loaded, as the full run picks them: the latest of each run's latest event.
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT p.user_id, p.first_name, p.last_name, p.gender, p.level
FROM (
    SELECT u.user_id, u.first_name, u.last_name, u.gender, u.level,
           ROW_NUMBER() OVER (PARTITION BY u.user_id
                              ORDER BY u.start_time DESC, u.session_id DESC, u.item_in_session DESC) AS pick
    FROM loaded_users u
    WHERE u.user_id IS NOT NULL
      AND u.user_id NOT IN (SELECT user_id FROM users WHERE user_id IS NOT NULL)
) p
WHERE p.pick = 1
