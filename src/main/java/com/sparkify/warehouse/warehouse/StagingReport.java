package com.sparkify.warehouse.warehouse;

import java.util.Map;

/** What a load put into the staging tables: rows per table, the objects read, and the bad records. */
public record StagingReport(Map<String, Long> rows, long objects, long loadErrors) {

    public StagingReport {
        rows = Map.copyOf(rows);
    }
}
