-- The staged NextSong events, kept as the run ? loaded them (user_id cast as the transform casts it).
INSERT INTO loaded_events (run_id, start_time, user_id, session_id, item_in_session, artist, song, length)
SELECT ?, ts, CAST(user_id AS INTEGER), session_id, item_in_session, artist, song, length
FROM staging_events
WHERE page = 'NextSong'
