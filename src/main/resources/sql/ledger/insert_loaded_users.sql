-- Each user's latest staged NextSong event, kept as the run ? loaded it: by the transform's order (start
-- time, then session and item in session), so the latest over every run's row is the latest event loaded.
-- Only events at a user's latest start time are ranked (a grouping first), not every event.
INSERT INTO loaded_users (run_id, user_id, start_time, session_id, item_in_session, first_name, last_name, gender,
                          level)
SELECT ?, l.user_id, l.ts, l.session_id, l.item_in_session, l.first_name, l.last_name, l.gender, l.level
FROM (
    SELECT latest.user_id, e.ts, e.session_id, e.item_in_session, e.first_name, e.last_name, e.gender, e.level,
           ROW_NUMBER() OVER (PARTITION BY latest.user_id
                              ORDER BY e.session_id DESC, e.item_in_session DESC) AS pick
    FROM staging_events e
    JOIN (SELECT CAST(user_id AS INTEGER) AS user_id, MAX(ts) AS ts
          FROM staging_events
          WHERE page = 'NextSong' AND user_id IS NOT NULL
          GROUP BY CAST(user_id AS INTEGER)) latest
      ON latest.user_id = CAST(e.user_id AS INTEGER)
     AND latest.ts = e.ts
    WHERE e.page = 'NextSong'
) l
WHERE l.pick = 1
