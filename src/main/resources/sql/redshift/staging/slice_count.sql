-- The cluster's slices: compacted parts are a multiple of them, so every slice loads one file at once.
-- STV_SLICES exists on provisioned clusters only; on Serverless sparkify.redshift.compaction-parts is used.
SELECT COUNT(*) FROM stv_slices
