package com.sparkify.warehouse.run;

import java.util.List;

/** A warehouse table with its columns and row count, as {@code GET /schema} lists it. */
public record TableInfo(String name, String kind, List<Column> columns, long rows) {

    /** A column as the engine reports it. */
    public record Column(String name, String type) {
    }
}
