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
DISTKEY (artist_name)
