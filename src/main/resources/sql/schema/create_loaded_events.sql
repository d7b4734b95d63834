-- Every NextSong event loaded so far, tagged with the run that loaded it: what an incremental run
-- needs to merge as a full run would (a user's latest level over everything loaded, re-matching plays
-- to songs that arrive later, the plays of a changed object).
CREATE TABLE loaded_events (
    run_id          VARCHAR(64),
    start_time      TIMESTAMP,
    user_id         INTEGER,
    session_id      INTEGER,
    item_in_session INTEGER,
    first_name      VARCHAR(256),
    last_name       VARCHAR(256),
    gender          VARCHAR(8),
    level           VARCHAR(16),
    artist          VARCHAR(256),
    song            VARCHAR(256),
    length          DOUBLE PRECISION,
    location        VARCHAR(256),
    user_agent      VARCHAR(512)
)
