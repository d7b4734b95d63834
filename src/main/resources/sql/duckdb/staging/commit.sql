-- Ends a loader thread's batch; one write-ahead log sync per batch, not per appender chunk.
COMMIT
