package com.sparkify.warehouse.warehouse;

/**
 * A record that could not be loaded, as an engine reports it: the table, the object and line it came
 * from, the column at fault when one is, why, and the record's start.
 */
public record LoadError(String table, String object, long line, String column, String reason, String raw) {

    /** Load errors a run lists in full; the rest are only counted. */
    public static final int MAX_LISTED = 100;

    /** The error for a message: object, line, column and reason. */
    public String describe() {
        return object + " line " + line + (column == null ? "" : ", " + column) + ": " + reason;
    }
}
