SELECT 'songplaysWithSong' AS table_name, COUNT(song_id) AS row_count FROM songplays
