package com.sparkify.warehouse.warehouse.duckdb;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sparkify.warehouse.source.ObjectFeed;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.warehouse.LoadErrors;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;

/**
 * One staging table's load, shared by its loader threads: what is loaded from where into which fresh
 * table, where it reports, the next object to take, the rows so far and the first failure (once set,
 * every thread stops).
 */
final class TableLoad {
    final String table;
    /** The fresh copy the rows go into, swapped in for {@link #table} when both tables are loaded. */
    final String next;
    final RecordMapper mapper;
    final ObjectSource source;
    final SourceLocation location;
    /** The objects to load, possibly still being listed. */
    final ObjectFeed objects;
    final StagingListener listener;
    final LoadErrors errors;
    final AtomicInteger cursor = new AtomicInteger();
    final AtomicLong rows = new AtomicLong();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    TableLoad(String table, String next, RecordMapper mapper, ObjectSource source, SourceLocation location,
            ObjectFeed objects, StagingListener listener, LoadErrors errors) {
        this.table = table;
        this.next = next;
        this.mapper = mapper;
        this.source = source;
        this.location = location;
        this.objects = objects;
        this.listener = listener;
        this.errors = errors;
    }

    /** Whether the threads should stop taking objects: the load failed or was cancelled. */
    boolean stopping() {
        return failure.get() != null || listener.isCancelRequested();
    }
}
