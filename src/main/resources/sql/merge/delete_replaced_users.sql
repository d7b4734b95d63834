-- Users with a play in a run whose log objects this run loads again: picked again below.
DELETE FROM users
WHERE user_id IN (SELECT l.user_id
                  FROM loaded_users l
                  JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events')
