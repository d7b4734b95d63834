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
WHERE pick = 1
