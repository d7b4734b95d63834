-- Artists of the songs this run loads: picked again below from every song record loaded, with the full
-- run's tie-breaks.
DELETE FROM artists
WHERE artist_id IN (SELECT artist_id FROM staging_songs)
