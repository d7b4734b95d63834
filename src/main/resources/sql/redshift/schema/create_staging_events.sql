-- Raw eventsim events, one row per log line; columns in the order of log_json_path.json.
-- DISTSTYLE EVEN, not DISTKEY(artist): every event other than a played song has no artist, and all
-- those NULLs would hash to one slice. No column both spreads the rows and serves a join (the
-- songplays join matches title, artist and duration), so round-robin keeps every slice's share equal.
-- ts is NOT NULL so that COPY rejects an event without a time as a load error naming its file and
-- line (error 1213) instead of the transform failing later on songplays.start_time.
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
    ts              TIMESTAMP NOT NULL,
    user_agent      VARCHAR(512),
    user_id         VARCHAR(32)
)
DISTSTYLE EVEN
SORTKEY (ts)
