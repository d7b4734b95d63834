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
WHERE p.pick = 1
