SELECT detail FROM sparkify_jobs WHERE id = ?
