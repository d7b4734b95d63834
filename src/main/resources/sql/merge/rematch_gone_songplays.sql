-- After a run whose song files are loaded again: plays whose song was deleted above (a song of those
-- files) are matched again by the full run's rule over every song loaded, or lose their song when its
-- record is gone. Without such a run every song deleted above is one this run loads, whose plays the
-- statements before this one re-matched.
UPDATE songplays
SET song_id = m.song_id,
    artist_id = m.artist_id
FROM (
    SELECT e.user_id, e.session_id, e.item_in_session, e.start_time, s.song_id, s.artist_id
    FROM (SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
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
           AND t.track = l.track) e
    LEFT JOIN (SELECT title, artist_name, duration, song_id, artist_id,
                      ROW_NUMBER() OVER (PARTITION BY title, artist_name, duration
                                         ORDER BY song_id, artist_id) AS pick
               FROM loaded_songs) s
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
