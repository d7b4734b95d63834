-- Each user's latest staged NextSong event, kept as the run ? loaded it: by the transform's order (start
-- time, then session and item in session), so the latest over every run's row is the latest event loaded.
INSERT INTO loaded_users (run_id, user_id, start_time, session_id, item_in_session, first_name, last_name, gender,
                          level)
SELECT ?, l.user_id, l.ts, l.session_id, l.item_in_session, l.first_name, l.last_name, l.gender, l.level
FROM (
    SELECT CAST(user_id AS INTEGER) AS user_id, ts, session_id, item_in_session, first_name, last_name, gender,
           level,
           ROW_NUMBER() OVER (PARTITION BY CAST(user_id AS INTEGER)
                              ORDER BY ts DESC, session_id DESC, item_in_session DESC) AS pick
    FROM staging_events
    WHERE page = 'NextSong' AND user_id IS NOT NULL
) l
WHERE l.pick = 1
