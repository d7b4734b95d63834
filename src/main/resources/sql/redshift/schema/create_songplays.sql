-- Fact table. DISTKEY(song_id) co-locates songplays with songs (also DISTKEY(song_id)), the
-- dimension the analysts join most and the largest one; SORTKEY(start_time) serves the from/to
-- windows of every analytics query with zone maps. Keys are informational: Redshift does not
-- enforce them, the ETL's quality checks do.
CREATE TABLE songplays (
    songplay_id     BIGINT IDENTITY(0, 1),
    start_time      TIMESTAMP NOT NULL,
    user_id         INTEGER,
    level           VARCHAR(16),
    song_id         VARCHAR(32),
    artist_id       VARCHAR(32),
    session_id      INTEGER,
    item_in_session INTEGER,
    location        VARCHAR(256),
    user_agent      VARCHAR(512),
    PRIMARY KEY (songplay_id)
)
DISTKEY (song_id)
SORTKEY (start_time)
