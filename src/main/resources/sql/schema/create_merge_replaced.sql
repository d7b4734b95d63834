-- Work table of an incremental run, filled inside its transaction: the earlier runs whose objects of a
-- staging table it loads again (one of them changed), so their rows are replaced.
CREATE TABLE merge_replaced (
    staging_table VARCHAR(32),
    run_id        VARCHAR(64)
)
