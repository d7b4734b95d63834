-- DuckDB's own JSON reader loads local JSON-lines files into the table a run loads into; the values
-- convert each field as COPY does (blank strings to NULL, epoch milliseconds to TIMESTAMP). The
-- service's parser checks the same files meanwhile (NativeJsonScan says which records both read alike).
INSERT INTO {{next}}
SELECT {{values}}
FROM read_json([{{files}}], format = 'newline_delimited', columns = {{columns}},
               maximum_object_size = {{max_object_size}})
