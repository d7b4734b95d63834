-- One row per distinct start_time, so it grows with songplays: distributed and sorted on
-- start_time rather than copied to every node. weekday is EXTRACT(dow): 0 = Sunday.
CREATE TABLE time (
    start_time TIMESTAMP NOT NULL,
    hour       SMALLINT,
    day        SMALLINT,
    week       SMALLINT,
    month      SMALLINT,
    year       SMALLINT,
    weekday    SMALLINT,
    PRIMARY KEY (start_time)
)
DISTKEY (start_time)
SORTKEY (start_time)
