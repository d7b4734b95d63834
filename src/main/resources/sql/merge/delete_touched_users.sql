-- Users with a play in this run, or in a run whose log objects it loads again: their row is picked
-- again below from their latest play over everything loaded, so an older event never wins.
DELETE FROM users
WHERE user_id IN (SELECT CAST(user_id AS INTEGER) FROM staging_events WHERE page = 'NextSong')
   OR user_id IN (SELECT l.user_id
                  FROM loaded_users l
                  JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events')
