-- Songs this run loads are picked again below from everything loaded (a changed song updates).
DELETE FROM songs
WHERE song_id IN (SELECT song_id FROM staging_songs);

-- Artists of the songs this run loads: picked again below from every song record loaded, with the full
-- run's tie-breaks.
DELETE FROM artists
WHERE artist_id IN (SELECT artist_id FROM staging_songs);

-- Users with a play in this run: their row is picked again below from their latest play over everything
-- loaded, so an older event never wins.
DELETE FROM users
WHERE user_id IN (SELECT CAST(user_id AS INTEGER) FROM staging_events WHERE page = 'NextSong');

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM merge_replaced;

INSERT INTO merge_replaced (staging_table, run_id) VALUES (?, ?);

-- Songs loaded by a run whose song files this run loads again: picked again below from everything loaded
-- (a song gone with its file goes). Before the replaced runs' kept rows are deleted.
DELETE FROM songs
WHERE song_id IN (SELECT l.song_id
                  FROM loaded_songs l
                  JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_songs');

-- Artists of the songs of a run whose song files this run loads again: picked again below.
DELETE FROM artists
WHERE artist_id IN (SELECT l.artist_id
                    FROM loaded_songs l
                    JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_songs');

-- Users with a play in a run whose log objects this run loads again: picked again below.
DELETE FROM users
WHERE user_id IN (SELECT l.user_id
                  FROM loaded_users l
                  JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events');

-- The plays of log objects loaded again (one of them changed): gone, unless a run whose objects are not
-- loaded again holds the same play (user, session, item in session, start time). The new versions come
-- back below. Subqueries, not DELETE ... USING: Redshift's USING takes tables only.
DELETE FROM songplays
WHERE EXISTS (SELECT 1
              FROM loaded_events l
              JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events'
              WHERE l.user_id = songplays.user_id
                AND l.session_id = songplays.session_id
                AND l.item_in_session = songplays.item_in_session
                AND l.start_time = songplays.start_time)
  AND NOT EXISTS (SELECT 1
                  FROM loaded_events l
                  LEFT JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_events'
                  WHERE r.run_id IS NULL
                    AND l.user_id = songplays.user_id
                    AND l.session_id = songplays.session_id
                    AND l.item_in_session = songplays.item_in_session
                    AND l.start_time = songplays.start_time);

-- The kept rows of runs whose objects of this staging table are loaded again.
DELETE FROM loaded_events
WHERE run_id IN (SELECT run_id FROM merge_replaced WHERE staging_table = 'staging_events');

-- The kept rows of runs whose objects of this staging table are loaded again.
DELETE FROM loaded_tracks
WHERE run_id IN (SELECT run_id FROM merge_replaced WHERE staging_table = 'staging_events');

-- The kept rows of runs whose objects of this staging table are loaded again.
DELETE FROM loaded_users
WHERE run_id IN (SELECT run_id FROM merge_replaced WHERE staging_table = 'staging_events');

-- The kept rows of runs whose objects of this staging table are loaded again.
DELETE FROM loaded_songs
WHERE run_id IN (SELECT run_id FROM merge_replaced WHERE staging_table = 'staging_songs');

-- Ledger rows of the objects loaded again: this run records them anew.
DELETE FROM load_ledger
WHERE EXISTS (SELECT 1 FROM merge_replaced r
              WHERE r.run_id = load_ledger.run_id AND r.staging_table = load_ledger.staging_table);

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
WHERE e.copy_no = 1;

-- Plays matched again by the full run's rule (title, artist name and duration equal; the smallest song_id,
-- then artist_id, on several matches) over the song records of the candidates' tracks; a play that no longer
-- matches any loses its song. The candidates (a query of merge/rematch/, put in below) are the plays whose
-- song may have changed, with their event's song, artist and length; ranked songs are only theirs.
WITH candidates AS (
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
    > 0;

-- Plays matched again by the full run's rule (title, artist name and duration equal; the smallest song_id,
-- then artist_id, on several matches) over the song records of the candidates' tracks; a play that no longer
-- matches any loses its song. The candidates (a query of merge/rematch/, put in below) are the plays whose
-- song may have changed, with their event's song, artist and length; ranked songs are only theirs.
WITH candidates AS (
-- Plays whose song_id this run loads (deleted from songs before, to be picked again): sent only when a
-- song this run loads was in songs, as a play holds only a song_id songs has (and reading every play's
-- song_id and keys to find none cost a third of the re-match). Picked from songplays before any event.
SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
FROM loaded_events l
JOIN (SELECT user_id, session_id, item_in_session, start_time
      FROM songplays
      WHERE song_id IN (SELECT song_id FROM staging_songs)) o
  ON o.user_id = l.user_id
 AND o.session_id = l.session_id
 AND o.item_in_session = l.item_in_session
 AND o.start_time = l.start_time
LEFT JOIN loaded_tracks t
  ON t.run_id = l.run_id
 AND t.track = l.track
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
    > 0;

-- Plays matched again by the full run's rule (title, artist name and duration equal; the smallest song_id,
-- then artist_id, on several matches) over the song records of the candidates' tracks; a play that no longer
-- matches any loses its song. The candidates (a query of merge/rematch/, put in below) are the plays whose
-- song may have changed, with their event's song, artist and length; ranked songs are only theirs.
WITH candidates AS (
-- After a run whose song files are loaded again: plays whose song was deleted before (a song of those
-- files) and is not back, matched again over every song loaded, or without a song when its record is gone.
-- Without such a run every song deleted is one this run loads, whose plays the other candidates hold.
SELECT DISTINCT l.user_id, l.session_id, l.item_in_session, l.start_time, t.song, t.artist, t.length
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
 AND t.track = l.track
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
    > 0;

-- Users not in the table (new, or deleted above to be picked again), with the level and names of their
-- latest play over every event loaded, as the full run picks them: the latest of each run's latest event.
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT p.user_id, p.first_name, p.last_name, p.gender, p.level
FROM (
    SELECT u.user_id, u.first_name, u.last_name, u.gender, u.level,
           ROW_NUMBER() OVER (PARTITION BY u.user_id
                              ORDER BY u.start_time DESC, u.session_id DESC, u.item_in_session DESC) AS pick
    FROM loaded_users u
    WHERE u.user_id IS NOT NULL
      AND u.user_id NOT IN (SELECT user_id FROM users WHERE user_id IS NOT NULL)
) p
WHERE p.pick = 1;

-- Songs not in the table (new, or deleted above to be picked again), by the full run's rule over every
-- song record loaded: one row per song_id, the first by title, artist, year. Only the records of those
-- song_ids are ranked.
INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT p.song_id, p.title, p.artist_id, p.year, p.duration
FROM (
    SELECT song_id, title, artist_id, year, duration,
           ROW_NUMBER() OVER (PARTITION BY song_id
                              ORDER BY title, artist_id, year, duration) AS pick
    FROM loaded_songs
    WHERE song_id IS NOT NULL
      AND song_id NOT IN (SELECT song_id FROM songs WHERE song_id IS NOT NULL)
) p
WHERE p.pick = 1;

-- Artists not in the table (new, or deleted above to be picked again), by the full run's rule over every
-- song record loaded: the record with coordinates and a location first, then the smallest song_id. Only
-- the records of those artist_ids are ranked.
INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT p.artist_id, p.artist_name, p.artist_location, p.artist_latitude, p.artist_longitude
FROM (
    SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
           ROW_NUMBER() OVER (PARTITION BY artist_id
                              ORDER BY CASE WHEN artist_latitude IS NULL THEN 1 ELSE 0 END,
                                       CASE WHEN artist_location IS NULL THEN 1 ELSE 0 END,
                                       song_id, artist_name) AS pick
    FROM loaded_songs
    WHERE artist_id IS NOT NULL
      AND artist_id NOT IN (SELECT artist_id FROM artists WHERE artist_id IS NOT NULL)
) p
WHERE p.pick = 1;

-- time rows whose plays were all replaced.
DELETE FROM time
WHERE start_time NOT IN (SELECT start_time FROM songplays);

-- One row per songplay start_time not in time yet. Only this run's plays can bring one (a re-match
-- keeps start_time), so only start times staged are looked up.
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT t.start_time,
       EXTRACT(hour FROM t.start_time),
       EXTRACT(day FROM t.start_time),
       EXTRACT(week FROM t.start_time),
       EXTRACT(month FROM t.start_time),
       EXTRACT(year FROM t.start_time),
       EXTRACT(dow FROM t.start_time)
FROM (SELECT DISTINCT start_time
      FROM songplays
      WHERE start_time IN (SELECT ts FROM staging_events WHERE page = 'NextSong')) t
LEFT JOIN time x ON x.start_time = t.start_time
WHERE x.start_time IS NULL;

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
