INSERT INTO sparkify_jobs (id, type, status, created_at, started_at, finished_at, error, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
