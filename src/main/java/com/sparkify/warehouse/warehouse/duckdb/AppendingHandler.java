package com.sparkify.warehouse.warehouse.duckdb;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.LoadErrors;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.staging.ColumnType;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordException;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingColumn;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import org.duckdb.DuckDBAppender;

/**
 * One loader thread's per-record work: maps each record (the fast path for one-line records, else the
 * general one), appends its row through the thread's DuckDB appender and turns bad records into the
 * job's load errors.
 *
 * <p>Each appender chunk (2,048 rows) commits on its own: DuckDB's driver begins a transaction only at
 * a statement, and appender flushes are none. That is what keeps memory bounded. One transaction per
 * loader thread held all it appended in memory until its commit and ran a million-event load out of
 * memory, and so did a commit every 16,384 rows (the two threads' transactions then always overlap,
 * which seems to keep DuckDB from freeing what the older one could still read). A failed load is
 * undone by dropping the fresh table instead.
 *
 * <p>Not thread-safe: one per loader thread, over all the objects that thread takes.
 */
final class AppendingHandler implements JsonRecordReader.Handler {

    /** Rows between progress updates. */
    private static final int PROGRESS_ROWS = 1024;
    private static final int EXCERPT_BYTES = 120;

    private final String table;
    private final RecordMapper mapper;
    private final DuckDBAppender appender;
    private final ColumnType[] types;
    private final Object[] row;
    private final AtomicLong rows;
    private final AtomicReference<RuntimeException> failure;
    private final StagingListener listener;
    private final LoadErrors errors;
    private SourceObject object;
    private int unreported;

    /** A handler appending {@code load}'s rows through this thread's {@code appender}. */
    AppendingHandler(TableLoad load, DuckDBAppender appender) {
        this.table = load.table;
        this.mapper = load.mapper;
        this.appender = appender;
        this.types = StagingSchema.columns(table).stream().map(StagingColumn::type).toArray(ColumnType[]::new);
        this.row = new Object[types.length];
        this.rows = load.rows;
        this.failure = load.failure;
        this.listener = load.listener;
        this.errors = load.errors;
    }

    /** The object whose records follow, named in load errors. */
    void object(SourceObject object) {
        this.object = object;
    }

    /** Appends what is left in the appender's chunk and reports the last rows. */
    void finish() throws SQLException {
        appender.flush();
        reportProgress();
    }

    @Override
    public int recordOnLine(byte[] buf, int start, int limit, long line) {
        int end = mapper.mapLine(buf, start, limit, row);
        if (end >= 0) {
            appendRow();
        }
        return end;
    }

    @Override
    public void record(byte[] buf, int off, int len, long line) {
        try {
            mapper.mapUtf8(buf, off, len, row);
        } catch (RecordException e) {
            error(line, e.column(), e.getMessage(), excerpt(buf, off, len));
            return;
        }
        appendRow();
    }

    @Override
    public void error(long line, String reason, String excerpt) {
        error(line, null, reason, excerpt);
    }

    private void appendRow() {
        try {
            appender.beginRow();
            for (int i = 0; i < types.length; i++) {
                Object v = row[i];
                if (v == null) {
                    appender.appendNull();
                    continue;
                }
                switch (types[i]) {
                    case VARCHAR -> appender.append((byte[]) v);
                    case INTEGER -> appender.append(((Integer) v).intValue());
                    case DOUBLE -> appender.append(((Double) v).doubleValue());
                    case TIMESTAMP_MILLIS -> appender.appendEpochMicros(((Long) v) * 1000L);
                }
            }
            appender.endRow();
        } catch (SQLException e) {
            throw new LoadFailure(table + ": appending failed: " + e.getMessage(), e);
        }
        if (++unreported == PROGRESS_ROWS) {
            reportProgress();
            if (failure.get() != null || listener.isCancelRequested()) {
                throw new Stop();
            }
        }
    }

    private void reportProgress() {
        rows.addAndGet(unreported);
        listener.rowsStaged(table, unreported);
        unreported = 0;
    }

    private void error(long line, String column, String reason, String excerpt) {
        if (!errors.add(new LoadError(table, object.key(), line, column, reason, excerpt))) {
            failure.compareAndSet(null, errors.tooMany(table));
            throw new Stop();
        }
    }

    private static String excerpt(byte[] buf, int off, int len) {
        int n = Math.min(len, EXCERPT_BYTES);
        return new String(buf, off, n, StandardCharsets.UTF_8) + (len > n ? "…" : "");
    }

    /** Unwinds the reader out of its record loop when the load has failed or was cancelled. */
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
