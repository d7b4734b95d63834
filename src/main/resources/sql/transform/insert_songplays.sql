-- One row per NextSong event. The song is the one whose title, artist name and duration equal the
-- event's song, artist and length; where several catalog entries match, the smallest song_id wins.
-- songplay_id numbers events in time order, so a rerun over the same data gives the same ids.
INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id,
                       session_id, item_in_session, location, user_agent)
WITH song_match AS (
    SELECT title, artist_name, duration, song_id, artist_id,
           ROW_NUMBER() OVER (PARTITION BY title, artist_name, duration
                              ORDER BY song_id, artist_id) AS pick
    FROM staging_songs
)
SELECT ROW_NUMBER() OVER (ORDER BY e.ts, e.session_id, e.item_in_session, e.user_id) - 1,
       e.ts,
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
