-- A string field as COPY's EMPTYASNULL reads it. Strings of whitespace only (BLANKSASNULL) never get
-- here: the check hands files with them back to the service's loader, as one more CASE per value would
-- cost about a third of the load.
NULLIF({{field}}, '')
