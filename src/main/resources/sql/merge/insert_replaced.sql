INSERT INTO merge_replaced (staging_table, run_id) VALUES (?, ?)
