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
SORTKEY (song_id)
