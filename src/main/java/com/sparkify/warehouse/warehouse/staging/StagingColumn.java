package com.sparkify.warehouse.warehouse.staging;

/**
 * A staging table column: name, type, for strings the most UTF-8 bytes it holds, and whether a record
 * without a value for it is rejected (as COPY rejects an empty NOT NULL field).
 */
public record StagingColumn(String name, ColumnType type, int maxBytes, boolean notNull) {

    public StagingColumn(String name, ColumnType type, int maxBytes) {
        this(name, type, maxBytes, false);
    }

    static StagingColumn varchar(String name, int maxBytes) {
        return new StagingColumn(name, ColumnType.VARCHAR, maxBytes);
    }

    static StagingColumn of(String name, ColumnType type) {
        return new StagingColumn(name, type, 0);
    }

    /** The same column, declared NOT NULL. */
    StagingColumn notNullable() {
        return new StagingColumn(name, type, maxBytes, true);
    }
}
