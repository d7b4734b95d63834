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
)
