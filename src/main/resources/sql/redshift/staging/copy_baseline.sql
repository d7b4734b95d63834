-- This session's latest COPY before the next one: an id that has not moved after a COPY is stale
-- (a rolled-back COPY does not update it).
SELECT pg_last_copy_id()
