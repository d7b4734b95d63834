-- The song, artist and length the NextSong events of each run name, once each, numbered within the run:
-- loaded_events names them by (run_id, track). An event with any of the three missing has no track (it
-- matches no song).
CREATE TABLE loaded_tracks (
    run_id VARCHAR(64),
    track  INTEGER,
    song   VARCHAR(256),
    artist VARCHAR(256),
    length DOUBLE PRECISION
)
