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
WHERE p.pick = 1
