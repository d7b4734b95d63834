-- Songs not in the table (new, or deleted above to be picked again), by the full run's rule over every
-- song record loaded: one row per song_id, the first by title, artist, year.
INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT p.song_id, p.title, p.artist_id, p.year, p.duration
FROM (
    SELECT song_id, title, artist_id, year, duration,
           ROW_NUMBER() OVER (PARTITION BY song_id
                              ORDER BY title, artist_id, year, duration) AS pick
    FROM loaded_songs
    WHERE song_id IS NOT NULL
) p
LEFT JOIN songs s ON s.song_id = p.song_id
WHERE p.pick = 1
  AND s.song_id IS NULL
