-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM songplays;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM users;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM songs;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM artists;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM time;

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
WHERE e.page = 'NextSong';

-- One row per user seen in NextSong events, with the level of that user's latest NextSong event,
-- so a listener who upgraded shows as paid.
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level
FROM (
    SELECT CAST(user_id AS INTEGER) AS user_id, first_name, last_name, gender, level,
           ROW_NUMBER() OVER (PARTITION BY user_id
                              ORDER BY ts DESC, session_id DESC, item_in_session DESC) AS pick
    FROM staging_events
    WHERE page = 'NextSong' AND user_id IS NOT NULL
) latest
WHERE pick = 1;

-- One row per song_id; the same song in several files keeps the first by title, artist, year.
INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, year, duration
FROM (
    SELECT song_id, title, artist_id, year, duration,
           ROW_NUMBER() OVER (PARTITION BY song_id
                              ORDER BY title, artist_id, year, duration) AS pick
    FROM staging_songs
    WHERE song_id IS NOT NULL
) s
WHERE pick = 1;

-- One row per artist_id. Song files of one artist can disagree on name, location and coordinates:
-- the record with coordinates and a location wins, then the smallest song_id, so the choice is the
-- same on every run and engine.
INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM (
    SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
           ROW_NUMBER() OVER (PARTITION BY artist_id
                              ORDER BY CASE WHEN artist_latitude IS NULL THEN 1 ELSE 0 END,
                                       CASE WHEN artist_location IS NULL THEN 1 ELSE 0 END,
                                       song_id, artist_name) AS pick
    FROM staging_songs
    WHERE artist_id IS NOT NULL
) a
WHERE pick = 1;

-- One row per distinct songplay start_time.
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT start_time,
       EXTRACT(hour FROM start_time),
       EXTRACT(day FROM start_time),
       EXTRACT(week FROM start_time),
       EXTRACT(month FROM start_time),
       EXTRACT(year FROM start_time),
       EXTRACT(dow FROM start_time)
FROM (SELECT DISTINCT start_time FROM songplays) t;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM load_ledger;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM loaded_events;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM loaded_tracks;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM loaded_songs;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM loaded_users;

-- The song, artist and length of the staged NextSong events, once each, numbered as the run ? loaded
-- them (in no particular order: the numbers only link loaded_events to these rows).
INSERT INTO loaded_tracks (run_id, track, song, artist, length)
SELECT ?, ROW_NUMBER() OVER (), t.song, t.artist, t.length
FROM (SELECT DISTINCT song, artist, length
      FROM staging_events
      WHERE page = 'NextSong' AND song IS NOT NULL AND artist IS NOT NULL AND length IS NOT NULL) t;

-- The staged NextSong events, kept as the run ? loaded them (user_id cast as the transform casts it), each
-- with the number of its song, artist and length among the run's ? tracks.
INSERT INTO loaded_events (run_id, start_time, user_id, session_id, item_in_session, track)
SELECT ?, e.ts, CAST(e.user_id AS INTEGER), e.session_id, e.item_in_session, t.track
FROM staging_events e
LEFT JOIN loaded_tracks t
       ON t.run_id = ?
      AND t.song = e.song
      AND t.artist = e.artist
      AND t.length = e.length
WHERE e.page = 'NextSong';

-- The staged song records, kept as the run ? loaded them.
INSERT INTO loaded_songs (run_id, song_id, title, artist_id, year, duration, artist_name, artist_location,
                          artist_latitude, artist_longitude)
SELECT ?, song_id, title, artist_id, year, duration, artist_name, artist_location, artist_latitude,
       artist_longitude
FROM staging_songs;

-- Each user's latest staged NextSong event, kept as the run ? loaded it: by the transform's order (start
-- time, then session and item in session), so the latest over every run's row is the latest event loaded.
-- Only events at a user's latest start time are ranked (a grouping first), not every event.
INSERT INTO loaded_users (run_id, user_id, start_time, session_id, item_in_session, first_name, last_name, gender,
                          level)
SELECT ?, l.user_id, l.ts, l.session_id, l.item_in_session, l.first_name, l.last_name, l.gender, l.level
FROM (
    SELECT latest.user_id, e.ts, e.session_id, e.item_in_session, e.first_name, e.last_name, e.gender, e.level,
           ROW_NUMBER() OVER (PARTITION BY latest.user_id
                              ORDER BY e.session_id DESC, e.item_in_session DESC) AS pick
    FROM staging_events e
    JOIN (SELECT CAST(user_id AS INTEGER) AS user_id, MAX(ts) AS ts
          FROM staging_events
          WHERE page = 'NextSong' AND user_id IS NOT NULL
          GROUP BY CAST(user_id AS INTEGER)) latest
      ON latest.user_id = CAST(e.user_id AS INTEGER)
     AND latest.ts = e.ts
    WHERE e.page = 'NextSong'
) l
WHERE l.pick = 1;

-- A few hundred objects per statement, a row of eight parameters each (one append per statement,
-- where one statement per object made DuckDB hold a chunk per row in the transaction).
INSERT INTO load_ledger (source, staging_table, object_key, object_size, object_version, staged_rows, run_id,
                         loaded_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);

SELECT (
-- Violations: 1 when the table is empty.
SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM songplays
) AS check_0,
(
-- Violations: 1 when the table is empty.
SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM users
) AS check_1,
(
-- Violations: 1 when the table is empty.
SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM songs
) AS check_2,
(
-- Violations: 1 when the table is empty.
SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM artists
) AS check_3,
(
-- Violations: 1 when the table is empty.
SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM time
) AS check_4,
(
-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM songplays WHERE songplay_id IS NULL
) AS check_5,
(
-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM users WHERE user_id IS NULL
) AS check_6,
(
-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM songs WHERE song_id IS NULL
) AS check_7,
(
-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM artists WHERE artist_id IS NULL
) AS check_8,
(
-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM time WHERE start_time IS NULL
) AS check_9,
(
-- Violations: rows whose key is NULL.
SELECT COUNT(*) FROM songplays WHERE start_time IS NULL
) AS check_10,
(
-- Violations: key values that occur more than once.
SELECT COUNT(*) FROM (SELECT songplay_id FROM songplays GROUP BY songplay_id HAVING COUNT(*) > 1) d
) AS check_11,
(
-- Violations: key values that occur more than once.
SELECT COUNT(*) FROM (SELECT user_id FROM users GROUP BY user_id HAVING COUNT(*) > 1) d
) AS check_12,
(
-- Violations: key values that occur more than once.
SELECT COUNT(*) FROM (SELECT song_id FROM songs GROUP BY song_id HAVING COUNT(*) > 1) d
) AS check_13,
(
-- Violations: key values that occur more than once.
SELECT COUNT(*) FROM (SELECT artist_id FROM artists GROUP BY artist_id HAVING COUNT(*) > 1) d
) AS check_14,
(
-- Violations: key values that occur more than once.
SELECT COUNT(*) FROM (SELECT start_time FROM time GROUP BY start_time HAVING COUNT(*) > 1) d
) AS check_15,
(
-- Violations: songplays whose start_time has no row in time.
SELECT COUNT(*)
FROM songplays sp
LEFT JOIN time t ON t.start_time = sp.start_time
WHERE t.start_time IS NULL
) AS check_16,
(
-- Violations: songplays whose user_id has no row in users.
SELECT COUNT(*)
FROM songplays sp
LEFT JOIN users u ON u.user_id = sp.user_id
WHERE u.user_id IS NULL
) AS check_17;
