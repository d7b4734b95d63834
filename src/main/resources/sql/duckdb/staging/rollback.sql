-- Drops a failed or cancelled loader thread's last batch.
ROLLBACK
