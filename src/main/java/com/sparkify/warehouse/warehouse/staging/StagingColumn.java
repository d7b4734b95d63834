package com.sparkify.warehouse.warehouse.staging;

/**
 * A staging table column: name, type and, for strings, the most UTF-8 bytes it holds.
 */
public record StagingColumn(String name, ColumnType type, int maxBytes) {

    static StagingColumn varchar(String name, int maxBytes) {
        return new StagingColumn(name, ColumnType.VARCHAR, maxBytes);
    }

    static StagingColumn of(String name, ColumnType type) {
        return new StagingColumn(name, type, 0);
    }
}
