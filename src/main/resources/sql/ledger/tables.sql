-- The ledger's tables that exist.
SELECT table_name
FROM information_schema.tables
WHERE table_schema = current_schema()
  AND table_name IN ('load_ledger', 'loaded_events', 'loaded_songs', 'loaded_tracks', 'loaded_users',
                     'merge_replaced')
