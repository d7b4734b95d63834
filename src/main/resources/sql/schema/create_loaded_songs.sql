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
)
