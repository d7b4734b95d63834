SELECT record
FROM sparkify_jobs
WHERE type = ? AND status = 'SUCCEEDED'
ORDER BY finished_at DESC
LIMIT 1
