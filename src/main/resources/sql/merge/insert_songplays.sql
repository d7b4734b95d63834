-- The run's plays (its staged NextSong events) not in songplays yet, one per (user, session, item in
-- session, start time), matched to a song as the full run matches (title, artist name and duration equal;
-- the smallest song_id of several) over every song loaded (only the records of the run's titles are
-- ranked), numbered after the existing plays in time order.
INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id,
                       session_id, item_in_session, location, user_agent)
WITH fresh AS (
    SELECT e.ts AS start_time, CAST(e.user_id AS INTEGER) AS user_id, e.level, e.session_id, e.item_in_session,
           e.location, e.user_agent, e.song, e.artist, e.length,
           ROW_NUMBER() OVER (PARTITION BY CAST(e.user_id AS INTEGER), e.session_id, e.item_in_session, e.ts
                              ORDER BY e.level, e.location, e.user_agent) AS copy_no
    FROM staging_events e
    LEFT JOIN songplays sp
           ON sp.user_id = CAST(e.user_id AS INTEGER)
          AND sp.session_id = e.session_id
          AND sp.item_in_session = e.item_in_session
          AND sp.start_time = e.ts
    WHERE e.page = 'NextSong'
      AND sp.start_time IS NULL
),
song_match AS (
    SELECT ls.title, ls.artist_name, ls.duration, ls.song_id, ls.artist_id,
           ROW_NUMBER() OVER (PARTITION BY ls.title, ls.artist_name, ls.duration
                              ORDER BY ls.song_id, ls.artist_id) AS pick
    FROM loaded_songs ls
    JOIN (SELECT DISTINCT song, artist, length FROM fresh) k
      ON k.song = ls.title
     AND k.artist = ls.artist_name
     AND k.length = ls.duration
)
SELECT prior_ids.max_id + ROW_NUMBER() OVER (ORDER BY e.start_time, e.session_id, e.item_in_session, e.user_id),
       e.start_time,
       e.user_id,
       e.level,
       s.song_id,
       s.artist_id,
       e.session_id,
       e.item_in_session,
       e.location,
       e.user_agent
FROM fresh e
CROSS JOIN (SELECT COALESCE(MAX(songplay_id), -1) AS max_id FROM songplays) prior_ids
LEFT JOIN song_match s
       ON s.pick = 1
      AND s.title = e.song
      AND s.artist_name = e.artist
      AND s.duration = e.length
WHERE e.copy_no = 1
