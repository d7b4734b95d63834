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
WHERE pick = 1
