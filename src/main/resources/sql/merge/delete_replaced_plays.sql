-- The plays of log objects loaded again (one of them changed): gone, unless a run whose objects are not
-- loaded again holds the same play (user, session, item in session, start time). The new versions come
-- back below. Subqueries, not DELETE ... USING: Redshift's USING takes tables only.
DELETE FROM songplays
WHERE EXISTS (SELECT 1
              FROM loaded_events l
              JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events'
              WHERE l.user_id = songplays.user_id
                AND l.session_id = songplays.session_id
                AND l.item_in_session = songplays.item_in_session
                AND l.start_time = songplays.start_time)
  AND NOT EXISTS (SELECT 1
                  FROM loaded_events l
                  LEFT JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events'
                  WHERE r.run_id IS NULL
                    AND l.user_id = songplays.user_id
                    AND l.session_id = songplays.session_id
                    AND l.item_in_session = songplays.item_in_session
                    AND l.start_time = songplays.start_time)
