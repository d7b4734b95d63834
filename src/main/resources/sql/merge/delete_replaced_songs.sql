-- Songs loaded by a run whose song files this run loads again: picked again below from everything loaded
-- (a song gone with its file goes). Before the replaced runs' kept rows are deleted.
DELETE FROM songs
WHERE song_id IN (SELECT l.song_id
                  FROM loaded_songs l
                  JOIN merge_replaced r ON r.run_id = l.run_id AND r.staging_table = 'staging_songs')
