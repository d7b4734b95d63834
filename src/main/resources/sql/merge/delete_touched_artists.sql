-- Artists of the songs this run loads or replaces: picked again below from every song record loaded,
-- with the full run's tie-breaks.
DELETE FROM artists
WHERE artist_id IN (SELECT artist_id FROM staging_songs)
   OR artist_id IN (SELECT l.artist_id
                    FROM loaded_songs l
                    JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_songs')
