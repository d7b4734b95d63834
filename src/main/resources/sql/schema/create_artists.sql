CREATE TABLE artists (
    artist_id VARCHAR(32),
    name      VARCHAR(512),
    location  VARCHAR(512),
    latitude  DOUBLE PRECISION,
    longitude DOUBLE PRECISION
)
