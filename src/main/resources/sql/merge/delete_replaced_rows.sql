-- The kept rows of runs whose objects of this staging table are loaded again.
DELETE FROM {{table}}
WHERE run_id IN (SELECT run_id FROM merge_replaced WHERE staging_table = {{staging_table}})
