package com.sparkify.warehouse.warehouse.staging;

/**
 * A record that cannot be loaded, with the JSON field at fault when there is one.
 */
public class RecordException extends Exception {

    private final String column;

    public RecordException(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The JSON field (or staging column) at fault; null for a record that is not JSON at all. */
    public String column() {
        return column;
    }
}
