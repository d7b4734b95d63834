-- Plays whose song_id this run loads (deleted from songs before, to be picked again): sent only when a
-- song this run loads was in songs, as a play holds only a song_id songs has (and reading every play's
-- song_id and keys to find none cost a third of the re-match). Picked from songplays before any event.
SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
FROM loaded_events l
JOIN (SELECT user_id, session_id, item_in_session, start_time
      FROM songplays
      WHERE song_id IN (SELECT song_id FROM staging_songs)) o
  ON o.user_id = l.user_id
 AND o.session_id = l.session_id
 AND o.item_in_session = l.item_in_session
 AND o.start_time = l.start_time
LEFT JOIN loaded_tracks t
  ON t.run_id = l.run_id
 AND t.track = l.track
