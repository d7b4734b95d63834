-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM staging_songs;

-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM staging_events;

-- Song files: one JSON object per file, keys matched to column names ignoring case, as the embedded
-- loader does. Redshift reads the prefix in parallel; the data never passes through the service.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_songs
FROM 's3://udacity-dend/song_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 'auto ignorecase'
REGION 'eu-west-1'
-- no TRUNCATECOLUMNS: sparkify.etl.truncate-columns=false rejects values longer than their column
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
MAXERROR 5;

-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count();

-- Records a COPY rejected, on provisioned clusters: STL_LOAD_ERRORS has the raw record and field value.
-- Columns: file, line, column, reason, raw field value, raw record, total rejected by that COPY.
SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason), TRIM(raw_field_value), TRIM(raw_line),
       COUNT(*) OVER ()
FROM stl_load_errors
WHERE query = ?
ORDER BY filename, line_number
LIMIT 100;

-- Event logs: the JSONPaths file maps eventsim's keys to the columns in order; ts is epoch milliseconds.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_events
FROM 's3://udacity-dend/log_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
REGION 'eu-west-1'
TIMEFORMAT AS 'epochmillisecs'
-- no TRUNCATECOLUMNS: sparkify.etl.truncate-columns=false rejects values longer than their column
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
MAXERROR 3;

-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count();

-- Records a COPY rejected, on provisioned clusters: STL_LOAD_ERRORS has the raw record and field value.
-- Columns: file, line, column, reason, raw field value, raw record, total rejected by that COPY.
SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason), TRIM(raw_field_value), TRIM(raw_line),
       COUNT(*) OVER ()
FROM stl_load_errors
WHERE query = ?
ORDER BY filename, line_number
LIMIT 100;

-- Records a COPY rejected, on Serverless and provisioned alike; this view has no raw record.
-- Same columns as load_errors_stl: file, line, column, reason, raw field value, raw record, total.
SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message), CAST(NULL AS VARCHAR(1)),
       CAST(NULL AS VARCHAR(1)), COUNT(*) OVER ()
FROM sys_load_error_detail
WHERE query_id = ?
ORDER BY file_name, line_number
LIMIT 100;
