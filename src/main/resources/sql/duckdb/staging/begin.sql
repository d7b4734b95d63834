-- A loader thread's batch: its appender's flushes join this transaction until the next commit.
BEGIN TRANSACTION
