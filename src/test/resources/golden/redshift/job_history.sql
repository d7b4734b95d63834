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
);

INSERT INTO sparkify_jobs (id, type, status, created_at, started_at, finished_at, error, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);

UPDATE sparkify_jobs
SET status = ?, started_at = ?, finished_at = ?, error = ?, detail = ?
WHERE id = ?;

SELECT detail FROM sparkify_jobs WHERE id = ?;

-- Newest first; a NULL type or status matches every job.
SELECT detail
FROM sparkify_jobs
WHERE (CAST(? AS VARCHAR(32)) IS NULL OR type = ?)
  AND (CAST(? AS VARCHAR(16)) IS NULL OR status = ?)
ORDER BY created_at DESC, id DESC
LIMIT ?;

SELECT detail
FROM sparkify_jobs
WHERE type = ? AND status = 'SUCCEEDED'
ORDER BY finished_at DESC
LIMIT 1;

SELECT detail FROM sparkify_jobs WHERE status IN ('QUEUED', 'RUNNING');
