package com.sparkify.warehouse.warehouse.staging;

import java.util.List;

import com.sparkify.warehouse.warehouse.Tables;

/**
 * Columns of the two staging tables as the embedded loader fills them, in table order. They mirror
 * {@code sql/schema/create_staging_*.sql}; a test keeps the two in step.
 */
public final class StagingSchema {

    public static final List<StagingColumn> EVENTS = List.of(
            StagingColumn.varchar("artist", 256),
            StagingColumn.varchar("auth", 32),
            StagingColumn.varchar("first_name", 256),
            StagingColumn.varchar("gender", 8),
            StagingColumn.of("item_in_session", ColumnType.INTEGER),
            StagingColumn.varchar("last_name", 256),
            StagingColumn.of("length", ColumnType.DOUBLE),
            StagingColumn.varchar("level", 16),
            StagingColumn.varchar("location", 256),
            StagingColumn.varchar("method", 8),
            StagingColumn.varchar("page", 32),
            StagingColumn.of("registration", ColumnType.DOUBLE),
            StagingColumn.of("session_id", ColumnType.INTEGER),
            StagingColumn.varchar("song", 256),
            StagingColumn.of("status", ColumnType.INTEGER),
            // NOT NULL as in Redshift's DDL: an event without a time is a load error, not a play without one.
            StagingColumn.of("ts", ColumnType.TIMESTAMP_MILLIS).notNullable(),
            StagingColumn.varchar("user_agent", 512),
            StagingColumn.varchar("user_id", 32));

    public static final List<StagingColumn> SONGS = List.of(
            StagingColumn.of("num_songs", ColumnType.INTEGER),
            StagingColumn.varchar("artist_id", 32),
            StagingColumn.of("artist_latitude", ColumnType.DOUBLE),
            StagingColumn.of("artist_longitude", ColumnType.DOUBLE),
            StagingColumn.varchar("artist_location", 512),
            StagingColumn.varchar("artist_name", 512),
            StagingColumn.varchar("song_id", 32),
            StagingColumn.varchar("title", 512),
            StagingColumn.of("duration", ColumnType.DOUBLE),
            StagingColumn.of("year", ColumnType.INTEGER));

    private StagingSchema() {
    }

    /** Columns of a staging table by name. */
    public static List<StagingColumn> columns(String table) {
        return switch (table) {
            case Tables.STAGING_EVENTS -> EVENTS;
            case Tables.STAGING_SONGS -> SONGS;
            default -> throw new IllegalArgumentException("not a staging table: " + table);
        };
    }
}
