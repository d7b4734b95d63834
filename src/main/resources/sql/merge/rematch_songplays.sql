-- Plays whose song may have changed: those matching a song record this run loads (a song arriving after
-- its plays, or a smaller song_id for the same title, artist and duration), and those whose song is
-- picked again (deleted from songs above). Matched again by the full run's rule over every song loaded;
-- a play that no longer matches any loses its song.
UPDATE songplays
SET song_id = m.song_id,
    artist_id = m.artist_id
FROM (
    SELECT e.user_id, e.session_id, e.item_in_session, e.start_time, s.song_id, s.artist_id,
           CASE WHEN st.title IS NULL THEN 0 ELSE 1 END AS staged_match
    FROM (SELECT DISTINCT user_id, session_id, item_in_session, start_time, song, artist, length
          FROM loaded_events) e
    LEFT JOIN (SELECT title, artist_name, duration, song_id, artist_id,
                      ROW_NUMBER() OVER (PARTITION BY title, artist_name, duration
                                         ORDER BY song_id, artist_id) AS pick
               FROM loaded_songs) s
           ON s.pick = 1
          AND s.title = e.song
          AND s.artist_name = e.artist
          AND s.duration = e.length
    LEFT JOIN (SELECT DISTINCT title, artist_name, duration FROM staging_songs) st
           ON st.title = e.song
          AND st.artist_name = e.artist
          AND st.duration = e.length
) m
WHERE songplays.user_id = m.user_id
  AND songplays.session_id = m.session_id
  AND songplays.item_in_session = m.item_in_session
  AND songplays.start_time = m.start_time
  AND (m.staged_match = 1
       OR songplays.song_id NOT IN (SELECT song_id FROM songs WHERE song_id IS NOT NULL))
