-- Raw eventsim events, one row per log line; columns in the order of log_json_path.json.
-- DISTKEY(artist) matches staging_songs' DISTKEY(artist_name): the songplays join on title, artist
-- and duration then runs slice-local instead of redistributing both sides.
CREATE TABLE staging_events (
    artist          VARCHAR(256),
    auth            VARCHAR(32),
    first_name      VARCHAR(256),
    gender          VARCHAR(8),
    item_in_session INTEGER,
    last_name       VARCHAR(256),
    length          DOUBLE PRECISION,
    level           VARCHAR(16),
    location        VARCHAR(256),
    method          VARCHAR(8),
    page            VARCHAR(32),
    registration    DOUBLE PRECISION,
    session_id      INTEGER,
    song            VARCHAR(256),
    status          INTEGER,
    ts              TIMESTAMP,
    user_agent      VARCHAR(512),
    user_id         VARCHAR(32)
)
DISTKEY (artist)
SORTKEY (ts)
