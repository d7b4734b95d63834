-- Users with a play in this run: their row is picked again below from their latest play over everything
-- loaded, so an older event never wins.
DELETE FROM users
WHERE user_id IN (SELECT CAST(user_id AS INTEGER) FROM staging_events WHERE page = 'NextSong')
