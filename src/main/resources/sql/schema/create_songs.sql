CREATE TABLE songs (
    song_id   VARCHAR(32),
    title     VARCHAR(512),
    artist_id VARCHAR(32),
    year      INTEGER,
    duration  DOUBLE PRECISION
)
