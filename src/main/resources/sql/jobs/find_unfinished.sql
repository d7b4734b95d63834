SELECT detail FROM sparkify_jobs WHERE status IN ('QUEUED', 'RUNNING')
