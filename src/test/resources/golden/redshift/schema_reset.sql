DROP TABLE IF EXISTS staging_events;

DROP TABLE IF EXISTS staging_songs;

DROP TABLE IF EXISTS songplays;

DROP TABLE IF EXISTS users;

DROP TABLE IF EXISTS songs;

DROP TABLE IF EXISTS artists;

DROP TABLE IF EXISTS time;

DROP TABLE IF EXISTS load_ledger;

DROP TABLE IF EXISTS loaded_tracks;

DROP TABLE IF EXISTS loaded_events;

DROP TABLE IF EXISTS loaded_songs;

DROP TABLE IF EXISTS loaded_users;

DROP TABLE IF EXISTS merge_replaced;

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
SORTKEY (ts);

-- Raw Million Song Dataset records. DISTKEY(artist_name): every song has an artist name and the
-- catalog's many artists spread the rows; the songplays join then redistributes only the events side.
CREATE TABLE staging_songs (
    num_songs        INTEGER,
    artist_id        VARCHAR(32),
    artist_latitude  DOUBLE PRECISION,
    artist_longitude DOUBLE PRECISION,
    artist_location  VARCHAR(512),
    artist_name      VARCHAR(512),
    song_id          VARCHAR(32),
    title            VARCHAR(512),
    duration         DOUBLE PRECISION,
    year             INTEGER
)
DISTKEY (artist_name);

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
SORTKEY (start_time);

-- Small dimension (one row per listener): a copy on every node avoids redistribution in joins.
CREATE TABLE users (
    user_id    INTEGER NOT NULL,
    first_name VARCHAR(256),
    last_name  VARCHAR(256),
    gender     VARCHAR(8),
    level      VARCHAR(16),
    PRIMARY KEY (user_id)
)
DISTSTYLE ALL
SORTKEY (user_id);

-- The catalog grows with the Million Song Dataset, too large for DISTSTYLE ALL: distributed on
-- song_id like songplays so their join stays on each slice.
CREATE TABLE songs (
    song_id   VARCHAR(32) NOT NULL,
    title     VARCHAR(512),
    artist_id VARCHAR(32),
    year      INTEGER,
    duration  DOUBLE PRECISION,
    PRIMARY KEY (song_id)
)
DISTKEY (song_id)
SORTKEY (song_id);

-- Artists are a fraction of the catalog: DISTSTYLE ALL keeps joins from songplays local.
CREATE TABLE artists (
    artist_id VARCHAR(32) NOT NULL,
    name      VARCHAR(512),
    location  VARCHAR(512),
    latitude  DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    PRIMARY KEY (artist_id)
)
DISTSTYLE ALL
SORTKEY (artist_id);

-- One row per distinct start_time, so it grows with songplays: distributed and sorted on
-- start_time rather than copied to every node. weekday is EXTRACT(dow): 0 = Sunday.
CREATE TABLE time (
    start_time TIMESTAMP NOT NULL,
    hour       SMALLINT,
    day        SMALLINT,
    week       SMALLINT,
    month      SMALLINT,
    year       SMALLINT,
    weekday    SMALLINT,
    PRIMARY KEY (start_time)
)
DISTKEY (start_time)
SORTKEY (start_time);

-- The ledger: one row per source object a run loaded, with its size and version (ETag or modification
-- time) as listed, the rows staged from it where the engine reports them, and the run that loaded it.
-- That run's id also tags the object's rows in loaded_events / loaded_songs: objects a run loaded
-- together are told apart only as a group (COPY does not say which file a row came from).
CREATE TABLE load_ledger (
    source         VARCHAR(1024),
    staging_table  VARCHAR(32),
    object_key     VARCHAR(1024),
    object_size    BIGINT,
    object_version VARCHAR(256),
    staged_rows    BIGINT,
    run_id         VARCHAR(64),
    loaded_at      TIMESTAMP
);

-- The song, artist and length the NextSong events of each run name, once each, numbered within the run:
-- loaded_events names them by (run_id, track). An event with any of the three missing has no track (it
-- matches no song).
CREATE TABLE loaded_tracks (
    run_id VARCHAR(64),
    track  INTEGER,
    song   VARCHAR(256),
    artist VARCHAR(256),
    length DOUBLE PRECISION
);

-- Every NextSong event loaded so far, tagged with the run that loaded it: what an incremental run needs
-- of each event to merge as a full run would (the plays of a changed object, and their song, artist and
-- length to match them again to songs that arrive later). Only these columns, as a full run writes every
-- event again: the plays' other columns are in songplays, the users' in loaded_users, and the song, artist
-- and length are named by their number in loaded_tracks (each once per run, not once per event).
CREATE TABLE loaded_events (
    run_id          VARCHAR(64),
    start_time      TIMESTAMP,
    user_id         INTEGER,
    session_id      INTEGER,
    item_in_session INTEGER,
    track           INTEGER
);

-- Every song record loaded so far, tagged with the run that loaded it: the songs, artists and song
-- matches of an incremental run break ties over all of them, as a full run does over its staging.
CREATE TABLE loaded_songs (
    run_id           VARCHAR(64),
    song_id          VARCHAR(32),
    title            VARCHAR(512),
    artist_id        VARCHAR(32),
    year             INTEGER,
    duration         DOUBLE PRECISION,
    artist_name      VARCHAR(512),
    artist_location  VARCHAR(512),
    artist_latitude  DOUBLE PRECISION,
    artist_longitude DOUBLE PRECISION
);

-- Each user's latest NextSong event of each run, tagged with the run: the only event of a run a user's
-- row can come from, so an incremental run picks a user's latest level and names over everything loaded
-- from these, as a full run picks them from its events.
CREATE TABLE loaded_users (
    run_id          VARCHAR(64),
    user_id         INTEGER,
    start_time      TIMESTAMP,
    session_id      INTEGER,
    item_in_session INTEGER,
    first_name      VARCHAR(256),
    last_name       VARCHAR(256),
    gender          VARCHAR(8),
    level           VARCHAR(16)
);

-- Work table of an incremental run, filled inside its transaction: the earlier runs whose objects of a
-- staging table it loads again (one of them changed), so their rows are replaced.
CREATE TABLE merge_replaced (
    staging_table VARCHAR(32),
    run_id        VARCHAR(64)
);

-- Columns of the warehouse's own tables, in declaration order.
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = current_schema()
  AND table_name IN ('staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time')
ORDER BY table_name, ordinal_position;

SELECT 'staging_events' AS table_name, COUNT(*) AS row_count FROM staging_events
UNION ALL
SELECT 'staging_songs' AS table_name, COUNT(*) AS row_count FROM staging_songs
UNION ALL
SELECT 'songplays' AS table_name, COUNT(*) AS row_count FROM songplays
UNION ALL
SELECT 'users' AS table_name, COUNT(*) AS row_count FROM users
UNION ALL
SELECT 'songs' AS table_name, COUNT(*) AS row_count FROM songs
UNION ALL
SELECT 'artists' AS table_name, COUNT(*) AS row_count FROM artists
UNION ALL
SELECT 'time' AS table_name, COUNT(*) AS row_count FROM time
UNION ALL
SELECT 'songplaysWithSong' AS table_name, COUNT(song_id) AS row_count FROM songplays;
