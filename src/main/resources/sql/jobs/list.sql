-- Newest first; a NULL type or status matches every job.
SELECT detail
FROM sparkify_jobs
WHERE (CAST(? AS VARCHAR(32)) IS NULL OR type = ?)
  AND (CAST(? AS VARCHAR(16)) IS NULL OR status = ?)
ORDER BY created_at DESC, id DESC
LIMIT ?
