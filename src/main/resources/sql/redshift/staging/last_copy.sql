-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count()
