-- Song files: one JSON object per file, keys matched to column names ignoring case, as the embedded
-- loader does. Redshift reads the files in parallel; only compacted small files pass through the service.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY {{table}}
FROM {{source}}{{manifest}}
IAM_ROLE {{iam_role}}
FORMAT AS JSON 'auto ignorecase'
REGION {{region}}
{{truncate_columns}}
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
-- MAXERROR is one more than the bad records still allowed, whichever way COPY counts its limit;
-- the service reads the rejected records back and enforces sparkify.etl.max-errors itself.
MAXERROR {{max_errors}}
