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
REGION 'us-west-2'
TRUNCATECOLUMNS
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
MAXERROR 0;

-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count();

-- Event logs: the JSONPaths file maps eventsim's keys to the columns in order; ts is epoch milliseconds.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_events
FROM 's3://udacity-dend/log_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
REGION 'us-west-2'
TIMEFORMAT AS 'epochmillisecs'
TRUNCATECOLUMNS
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
MAXERROR 0;

-- Query id and loaded rows of this session's latest COPY.
SELECT pg_last_copy_id(), pg_last_copy_count();
