-- Song files: one JSON object per file, keys matched to column names ignoring case, as the embedded
-- loader does. Redshift reads the files in parallel; only compacted small files pass through the service.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_songs
FROM 's3://sparkify-raw/o''brien/song_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 'auto ignorecase'
REGION 'us-east-1'
TRUNCATECOLUMNS
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
-- MAXERROR is one more than the bad records still allowed, whichever way COPY counts its limit;
-- the service reads the rejected records back and enforces sparkify.etl.max-errors itself.
MAXERROR 11;

-- Event logs: the JSONPaths file maps eventsim's keys to the columns in order; ts is epoch milliseconds.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY staging_events
FROM 's3://sparkify-raw/o''brien/log_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'
FORMAT AS JSON 's3://sparkify-raw/o''brien/paths''.json'
REGION 'us-east-1'
TIMEFORMAT AS 'epochmillisecs'
TRUNCATECOLUMNS
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
-- MAXERROR is one more than the bad records still allowed, whichever way COPY counts its limit;
-- the service reads the rejected records back and enforces sparkify.etl.max-errors itself.
MAXERROR 100000;
