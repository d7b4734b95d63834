-- A job's record at creation, start or end: the latest state replaces the one before.
INSERT INTO sparkify_jobs (id, type, status, created_at, finished_at, record)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at,
    record = excluded.record
