-- Artists of the songs of a run whose song files this run loads again: picked again below.
DELETE FROM artists
WHERE artist_id IN (SELECT l.artist_id
                    FROM loaded_songs l
                    JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_songs')
