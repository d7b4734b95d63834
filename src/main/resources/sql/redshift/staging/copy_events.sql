-- Event logs: the JSONPaths file maps eventsim's keys to the columns in order; ts is epoch milliseconds.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY {{table}}
FROM {{source}}
IAM_ROLE {{iam_role}}
FORMAT AS JSON {{jsonpaths}}
REGION {{region}}
TIMEFORMAT AS 'epochmillisecs'
{{truncate_columns}}
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
MAXERROR {{max_errors}}
