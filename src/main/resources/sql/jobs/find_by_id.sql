SELECT record FROM sparkify_jobs WHERE id = ?
