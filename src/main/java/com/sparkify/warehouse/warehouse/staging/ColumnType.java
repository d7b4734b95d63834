package com.sparkify.warehouse.warehouse.staging;

/**
 * Staging column types as the embedded loader converts JSON values into them.
 */
public enum ColumnType {
    VARCHAR, INTEGER, DOUBLE,
    /** Epoch milliseconds in the source, a TIMESTAMP in the table (COPY's TIMEFORMAT 'epochmillisecs'). */
    TIMESTAMP_MILLIS
}
