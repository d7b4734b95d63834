-- The staged song records, kept as the run ? loaded them.
INSERT INTO loaded_songs (run_id, song_id, title, artist_id, year, duration, artist_name, artist_location,
                          artist_latitude, artist_longitude)
SELECT ?, song_id, title, artist_id, year, duration, artist_name, artist_location, artist_latitude,
       artist_longitude
FROM staging_songs
