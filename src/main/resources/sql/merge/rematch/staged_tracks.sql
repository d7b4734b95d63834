-- Plays a song record this run loads matches (a song arriving after its plays, or a smaller song_id for
-- the same three), found by joins with the few staged songs rather than by reading every play loaded:
-- the staged songs' strings are compared with each run's tracks, the plays found by track number.
SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
FROM loaded_tracks t
JOIN (SELECT DISTINCT title, artist_name, duration FROM staging_songs) st
  ON st.title = t.song
 AND st.artist_name = t.artist
 AND st.duration = t.length
JOIN loaded_events l
  ON l.run_id = t.run_id
 AND l.track = t.track
