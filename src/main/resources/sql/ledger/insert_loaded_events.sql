-- The staged NextSong events, kept as the run ? loaded them (user_id cast as the transform casts it), each
-- with the number of its song, artist and length among the run's ? tracks.
INSERT INTO loaded_events (run_id, start_time, user_id, session_id, item_in_session, track)
SELECT ?, e.ts, CAST(e.user_id AS INTEGER), e.session_id, e.item_in_session, t.track
FROM staging_events e
LEFT JOIN loaded_tracks t
       ON t.run_id = ?
      AND t.song = e.song
      AND t.artist = e.artist
      AND t.length = e.length
WHERE e.page = 'NextSong'
