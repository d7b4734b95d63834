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
    FROM (SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, l.song, l.artist, l.length
          FROM loaded_events l
          -- Only plays the rule could move: those a staged song matches, and those whose song is gone.
          -- Picking over every play loaded held all of them in memory at once.
          WHERE EXISTS (SELECT 1 FROM staging_songs x
                        WHERE x.title = l.song AND x.artist_name = l.artist AND x.duration = l.length)
             OR EXISTS (SELECT 1 FROM songplays o
                        WHERE o.user_id = l.user_id
                          AND o.session_id = l.session_id
                          AND o.item_in_session = l.item_in_session
                          AND o.start_time = l.start_time
                          AND o.song_id IS NOT NULL
                          AND o.song_id NOT IN (SELECT song_id FROM songs WHERE song_id IS NOT NULL))) e
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
