-- Newest first; a NULL type or status matches every job.
SELECT record
FROM sparkify_jobs
WHERE (CAST(? AS VARCHAR) IS NULL OR type = ?)
  AND (CAST(? AS VARCHAR) IS NULL OR status = ?)
ORDER BY created_at DESC, id DESC
LIMIT ?
