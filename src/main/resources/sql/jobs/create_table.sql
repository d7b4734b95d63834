-- Job history, in its own embedded DuckDB file beside the warehouse whatever the engine (JobStore).
-- The record is the job's JSON; the other columns are what it is found by.
CREATE TABLE IF NOT EXISTS sparkify_jobs (
    id          VARCHAR   PRIMARY KEY,
    type        VARCHAR   NOT NULL,
    status      VARCHAR   NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    record      VARCHAR   NOT NULL
)
