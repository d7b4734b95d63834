-- The song, artist and length of the staged NextSong events, once each, numbered as the run ? loaded
-- them (in no particular order: the numbers only link loaded_events to these rows).
INSERT INTO loaded_tracks (run_id, track, song, artist, length)
SELECT ?, ROW_NUMBER() OVER (), t.song, t.artist, t.length
FROM (SELECT DISTINCT song, artist, length
      FROM staging_events
      WHERE page = 'NextSong' AND song IS NOT NULL AND artist IS NOT NULL AND length IS NOT NULL) t
