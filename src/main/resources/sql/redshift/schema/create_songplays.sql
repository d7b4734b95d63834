-- Fact table. DISTKEY(start_time), not song_id: most plays match no catalog song, and every NULL
-- song_id would hash to one slice; start_time is never NULL and nearly unique, so rows spread evenly,
-- and the time table (also DISTKEY(start_time)) joins slice-local. SORTKEY(start_time) serves the
-- from/to windows of every analytics query with zone maps. Keys are informational: Redshift does not
-- enforce them, the ETL's quality checks do (start_time's NOT NULL is enforced).
-- songplay_id is a plain BIGINT numbered by the transform in time order, as on the embedded engine:
-- Redshift has no SERIAL, and its IDENTITY values are neither consecutive nor in insert order, so a
-- rerun would renumber the plays.
CREATE TABLE songplays (
    songplay_id     BIGINT,
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
DISTKEY (start_time)
SORTKEY (start_time)
