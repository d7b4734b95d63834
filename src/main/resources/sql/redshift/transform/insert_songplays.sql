-- As the common version, but songplay_id comes from the IDENTITY(0, 1) column.
INSERT INTO songplays (start_time, user_id, level, song_id, artist_id,
                       session_id, item_in_session, location, user_agent)
WITH song_match AS (
    SELECT title, artist_name, duration, song_id, artist_id,
           ROW_NUMBER() OVER (PARTITION BY title, artist_name, duration
                              ORDER BY song_id, artist_id) AS pick
    FROM staging_songs
)
SELECT e.ts,
       CAST(e.user_id AS INTEGER),
       e.level,
       s.song_id,
       s.artist_id,
       e.session_id,
       e.item_in_session,
       e.location,
       e.user_agent
FROM staging_events e
LEFT JOIN song_match s
       ON s.pick = 1
      AND s.title = e.song
      AND s.artist_name = e.artist
      AND s.duration = e.length
WHERE e.page = 'NextSong'
