-- After a run whose song files are loaded again: plays whose song was deleted before (a song of those
-- files) and is not back, matched again over every song loaded, or without a song when its record is gone.
-- Without such a run every song deleted is one this run loads, whose plays the other candidates hold.
SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
FROM loaded_events l
JOIN (SELECT user_id, session_id, item_in_session, start_time
      FROM songplays
      WHERE song_id IS NOT NULL
        AND song_id NOT IN (SELECT song_id FROM songs WHERE song_id IS NOT NULL)) o
  ON o.user_id = l.user_id
 AND o.session_id = l.session_id
 AND o.item_in_session = l.item_in_session
 AND o.start_time = l.start_time
LEFT JOIN loaded_tracks t
  ON t.run_id = l.run_id
 AND t.track = l.track
