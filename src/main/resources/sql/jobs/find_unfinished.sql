SELECT record FROM sparkify_jobs WHERE status IN ('QUEUED', 'RUNNING')
