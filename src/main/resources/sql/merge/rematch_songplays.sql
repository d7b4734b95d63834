-- Plays matched again by the full run's rule (title, artist name and duration equal; the smallest song_id,
-- then artist_id, on several matches) over the song records of the candidates' tracks; a play that no longer
-- matches any loses its song. The candidates (a query of merge/rematch/, put in below) are the plays whose
-- song may have changed, with their event's song, artist and length; ranked songs are only theirs.
WITH candidates AS (
{{candidates}}
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
