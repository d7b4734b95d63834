-- Writes the write-ahead log's changes into the database file and frees the log.
CHECKPOINT
