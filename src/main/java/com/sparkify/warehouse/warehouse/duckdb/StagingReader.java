package com.sparkify.warehouse.warehouse.duckdb;

import java.sql.SQLException;

/**
 * How one source kind's objects get into a staging table's fresh copy. There are two: the service's
 * loader (the appenders, with COPY's rules and load errors by file and line), for every source, and
 * DuckDB's JSON reader ({@link NativeJsonScan}) for local event logs, which hands a table back to the
 * loader when its check finds a record the two would read differently. BENCHMARKS.md (session 9) has the
 * figures that keep both.
 */
interface StagingReader {

    /** Loads {@code load}'s objects into its fresh, empty table and returns the rows loaded. */
    long load(TableLoad load) throws SQLException, InterruptedException;
}
