-- Event logs: the JSONPaths file maps eventsim's keys to the columns in order; ts is epoch milliseconds.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY {{table}}
FROM {{source}}{{manifest}}
IAM_ROLE {{iam_role}}
FORMAT AS JSON {{jsonpaths}}
REGION {{region}}
TIMEFORMAT AS 'epochmillisecs'
{{truncate_columns}}
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
-- MAXERROR is one more than the bad records still allowed, whichever way COPY counts its limit;
-- the service reads the rejected records back and enforces sparkify.etl.max-errors itself.
MAXERROR {{max_errors}}
