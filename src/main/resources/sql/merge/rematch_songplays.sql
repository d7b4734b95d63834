-- Plays a song record this run loads matches (title, artist name and duration equal: a song arriving after
-- its plays, or a smaller song_id for the same three): matched again by the full run's rule over the song
-- records of their titles; a play that no longer matches any loses its song. The plays are found by joins
-- with the few staged songs rather than by reading every play loaded against every song (the staged songs'
-- strings are compared with each run's tracks, the plays found by track number), and ranked songs are only
-- those of the plays found.
WITH candidates AS (
    SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
    FROM loaded_tracks t
    JOIN (SELECT DISTINCT title, artist_name, duration FROM staging_songs) st
      ON st.title = t.song
     AND st.artist_name = t.artist
     AND st.duration = t.length
    JOIN loaded_events l
      ON l.run_id = t.run_id
     AND l.track = t.track
)
UPDATE songplays
SET song_id = m.song_id,
    artist_id = m.artist_id
FROM (
    SELECT e.user_id, e.session_id, e.item_in_session, e.start_time, s.song_id, s.artist_id
    FROM candidates e
    LEFT JOIN (SELECT ls.title, ls.artist_name, ls.duration, ls.song_id, ls.artist_id,
                      ROW_NUMBER() OVER (PARTITION BY ls.title, ls.artist_name, ls.duration
                                         ORDER BY ls.song_id, ls.artist_id) AS pick
               FROM loaded_songs ls
               JOIN (SELECT DISTINCT song, artist, length FROM candidates) k
                 ON k.song = ls.title
                AND k.artist = ls.artist_name
                AND k.length = ls.duration) s
           ON s.pick = 1
          AND s.title = e.song
          AND s.artist_name = e.artist
          AND s.duration = e.length
) m
WHERE songplays.user_id = m.user_id
  AND songplays.session_id = m.session_id
  AND songplays.item_in_session = m.item_in_session
  AND songplays.start_time = m.start_time
  -- Only plays whose song changes: an UPDATE of an unchanged row still costs a new version of it.
  AND CASE WHEN songplays.song_id = m.song_id OR (songplays.song_id IS NULL AND m.song_id IS NULL) THEN 0 ELSE 1 END
    + CASE WHEN songplays.artist_id = m.artist_id OR (songplays.artist_id IS NULL AND m.artist_id IS NULL) THEN 0 ELSE 1 END
    > 0
