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
SORTKEY (artist_id)
