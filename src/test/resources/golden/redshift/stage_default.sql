-- This session's process id: the system views name the session that ran a COPY by it.
SELECT pg_backend_pid();

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM staging_songs;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM staging_events;

-- Before a COPY: the newest query id with load errors of this session into this table, or -1. Rows
-- above it are the next COPY's. Binds: session (pg_backend_pid), table name.
SELECT COALESCE(MAX(query), -1)
FROM stl_load_errors
WHERE session = ?
  AND tbl IN (SELECT id FROM stv_tbl_perm WHERE TRIM(name) = ?);

-- This session's latest COPY before the next one: an id that has not moved after a COPY is stale
-- (a rolled-back COPY does not update it).
SELECT pg_last_copy_id();

-- Song files: one JSON object per file, keys matched to column names ignoring case, as the embedded
-- loader does. Redshift reads the files in parallel; only compacted small files pass through the service.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_songs
FROM 's3://udacity-dend/song_data/'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 'auto ignorecase'
REGION 'us-west-2'
TRUNCATECOLUMNS
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
-- MAXERROR is one more than the bad records still allowed, whichever way COPY counts its limit;
-- the service reads the rejected records back and enforces sparkify.etl.max-errors itself.
MAXERROR 1;

-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count();

-- Records the COPY rejected, on provisioned clusters: STL_LOAD_ERRORS has the raw record and field value.
-- Binds: session (pg_backend_pid), table name, the baseline query id taken before the COPY.
-- Columns: file, line, column, reason, raw field value, raw record, total rejected by that COPY.
SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason), TRIM(raw_field_value), TRIM(raw_line),
       COUNT(*) OVER ()
FROM stl_load_errors
WHERE session = ?
  AND tbl IN (SELECT id FROM stv_tbl_perm WHERE TRIM(name) = ?)
  AND query > ?
ORDER BY filename, line_number
LIMIT 100;

-- Before a COPY: the newest query id with load errors of this session into this table, or -1. Rows
-- above it are the next COPY's. Binds: session (pg_backend_pid), table name.
SELECT COALESCE(MAX(query), -1)
FROM stl_load_errors
WHERE session = ?
  AND tbl IN (SELECT id FROM stv_tbl_perm WHERE TRIM(name) = ?);

-- This session's latest COPY before the next one: an id that has not moved after a COPY is stale
-- (a rolled-back COPY does not update it).
SELECT pg_last_copy_id();

-- Event logs: the JSONPaths file maps eventsim's keys to the columns in order; ts is epoch milliseconds.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_events
FROM 's3://udacity-dend/log_data/'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
REGION 'us-west-2'
TIMEFORMAT AS 'epochmillisecs'
TRUNCATECOLUMNS
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
-- MAXERROR is one more than the bad records still allowed, whichever way COPY counts its limit;
-- the service reads the rejected records back and enforces sparkify.etl.max-errors itself.
MAXERROR 1;

-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count();

-- Records the COPY rejected, on provisioned clusters: STL_LOAD_ERRORS has the raw record and field value.
-- Binds: session (pg_backend_pid), table name, the baseline query id taken before the COPY.
-- Columns: file, line, column, reason, raw field value, raw record, total rejected by that COPY.
SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason), TRIM(raw_field_value), TRIM(raw_line),
       COUNT(*) OVER ()
FROM stl_load_errors
WHERE session = ?
  AND tbl IN (SELECT id FROM stv_tbl_perm WHERE TRIM(name) = ?)
  AND query > ?
ORDER BY filename, line_number
LIMIT 100;
