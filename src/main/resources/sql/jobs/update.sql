UPDATE sparkify_jobs
SET status = ?, started_at = ?, finished_at = ?, error = ?, detail = ?
WHERE id = ?
