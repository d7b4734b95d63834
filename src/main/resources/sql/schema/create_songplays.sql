-- Fact table: one row per NextSong event. Keys are checked by the ETL's quality checks rather than
-- declared, as on Redshift, so a reload can replace rows inside one transaction.
CREATE TABLE songplays (
    songplay_id     BIGINT,
    start_time      TIMESTAMP,
    user_id         INTEGER,
    level           VARCHAR(16),
    song_id         VARCHAR(32),
    artist_id       VARCHAR(32),
    session_id      INTEGER,
    item_in_session INTEGER,
    location        VARCHAR(256),
    user_agent      VARCHAR(512)
)
