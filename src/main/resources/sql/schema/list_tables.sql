-- Columns of the warehouse's own tables, in declaration order.
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = current_schema()
  AND table_name IN ('staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time')
ORDER BY table_name, ordinal_position
