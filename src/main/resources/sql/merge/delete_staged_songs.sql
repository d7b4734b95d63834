-- Songs this run loads are picked again below from everything loaded (a changed song updates).
DELETE FROM songs
WHERE song_id IN (SELECT song_id FROM staging_songs)
