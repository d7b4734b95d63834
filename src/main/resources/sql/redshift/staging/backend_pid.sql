-- This session's process id: the system views name the session that ran a COPY by it.
SELECT pg_backend_pid()
