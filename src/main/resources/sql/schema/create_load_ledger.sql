-- The ledger: one row per source object a run loaded, with its size and version (ETag or modification
-- time) as listed, the rows staged from it where the engine reports them, and the run that loaded it.
-- That run's id also tags the object's rows in loaded_events / loaded_songs: objects a run loaded
-- together are told apart only as a group (COPY does not say which file a row came from).
CREATE TABLE load_ledger (
    source         VARCHAR(1024),
    staging_table  VARCHAR(32),
    object_key     VARCHAR(1024),
    object_size    BIGINT,
    object_version VARCHAR(256),
    staged_rows    BIGINT,
    run_id         VARCHAR(64),
    loaded_at      TIMESTAMP
)
