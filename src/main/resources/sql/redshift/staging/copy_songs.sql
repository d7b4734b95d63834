-- Song files: one JSON object per file, keys matched to column names ignoring case, as the embedded
-- loader does. Redshift reads the prefix in parallel; the data never passes through the service.
-- COMPUPDATE OFF: the table is replaced every run, so encoding analysis is wasted work.
COPY {{table}}
FROM {{source}}
IAM_ROLE {{iam_role}}
FORMAT AS JSON 'auto ignorecase'
REGION {{region}}
{{truncate_columns}}
BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF
STATUPDATE ON
MAXERROR {{max_errors}}
