-- One row per user seen in NextSong events, with the level of that user's latest NextSong event,
-- so a listener who upgraded shows as paid.
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level
FROM (
    SELECT CAST(user_id AS INTEGER) AS user_id, first_name, last_name, gender, level,
           ROW_NUMBER() OVER (PARTITION BY user_id
                              ORDER BY ts DESC, session_id DESC, item_in_session DESC) AS pick
    FROM staging_events
    WHERE page = 'NextSong' AND user_id IS NOT NULL
) latest
WHERE pick = 1
