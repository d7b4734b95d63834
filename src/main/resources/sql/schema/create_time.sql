-- weekday follows EXTRACT(dow): 0 = Sunday ... 6 = Saturday, the same on DuckDB and Redshift.
CREATE TABLE time (
    start_time TIMESTAMP,
    hour       INTEGER,
    day        INTEGER,
    week       INTEGER,
    month      INTEGER,
    year       INTEGER,
    weekday    INTEGER
)
