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
)
