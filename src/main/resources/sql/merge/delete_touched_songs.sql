-- Songs this run loads, or loaded by a run whose song files it loads again, are picked again below
-- from everything loaded (changed songs update, a song gone with its file goes).
DELETE FROM songs
WHERE song_id IN (SELECT song_id FROM staging_songs)
   OR song_id IN (SELECT l.song_id
                  FROM loaded_songs l
                  JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_songs')
