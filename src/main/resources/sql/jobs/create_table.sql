-- Job history lives in the warehouse so it survives restarts; schema reset leaves it alone.
CREATE TABLE IF NOT EXISTS sparkify_jobs (
    id          VARCHAR(36)    NOT NULL,
    type        VARCHAR(32)    NOT NULL,
    status      VARCHAR(16)    NOT NULL,
    created_at  TIMESTAMP      NOT NULL,
    started_at  TIMESTAMP,
    finished_at TIMESTAMP,
    error       VARCHAR(4096),
    detail      VARCHAR(65535)
)
