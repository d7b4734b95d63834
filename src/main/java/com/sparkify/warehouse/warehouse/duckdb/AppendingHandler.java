package com.sparkify.warehouse.warehouse.duckdb;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;
import com.sparkify.warehouse.run.JobView;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.staging.ColumnType;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordException;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingColumn;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import org.duckdb.DuckDBAppender;

/**
 * One loader thread's per-record work: maps each record (the fast path for one-line records, else the
 * general one), appends its row through the thread's DuckDB appender, commits every
 * {@link #COMMIT_ROWS} rows, and turns bad records into the job's load errors.
 *
 * <p>Not thread-safe: one per loader thread, over all the objects that thread takes.
 */
final class AppendingHandler implements JsonRecordReader.Handler {

    /** Rows between progress updates. */
    private static final int PROGRESS_ROWS = 1024;
    /**
     * Rows between commits. Every commit writes and syncs DuckDB's write-ahead log: committing each
     * appender chunk (2,048 rows) cost about a fifth of an event load, while one transaction per loader
     * kept all it appended in memory until the end and ran a million-event load out of memory.
     */
    static final int COMMIT_ROWS = 16_384;
    private static final int EXCERPT_BYTES = 120;

    private final String table;
    private final RecordMapper mapper;
    private final DuckDBAppender appender;
    private final Statement transaction;
    private final SqlLibrary sql;
    private final ColumnType[] types;
    private final Object[] row;
    private final AtomicLong rows;
    private final AtomicReference<RuntimeException> failure;
    private final Job job;
    private final long maxErrors;
    private SourceObject object;
    private int unreported;
    private int uncommitted;
    private boolean open;

    /**
     * @param transaction a statement of the appender's connection, for the batches' BEGIN and COMMIT
     * @param rows        the table's row count across threads
     * @param failure     the load's first failure, shared by its threads: set, every thread stops
     */
    AppendingHandler(String table, RecordMapper mapper, DuckDBAppender appender, Statement transaction,
            SqlLibrary sql, AtomicLong rows, AtomicReference<RuntimeException> failure, Job job, long maxErrors) {
        this.table = table;
        this.mapper = mapper;
        this.appender = appender;
        this.transaction = transaction;
        this.sql = sql;
        this.types = StagingSchema.columns(table).stream().map(StagingColumn::type).toArray(ColumnType[]::new);
        this.row = new Object[types.length];
        this.rows = rows;
        this.failure = failure;
        this.job = job;
        this.maxErrors = maxErrors;
    }

    /** The object whose records follow, named in load errors. */
    void object(SourceObject object) {
        this.object = object;
    }

    /** Opens the first batch's transaction: appender flushes join it until the next commit. */
    void begin() throws SQLException {
        transaction.execute(sql.get("staging/begin"));
        open = true;
    }

    /** Appends what is left, commits it and reports the last rows. */
    void finish() throws SQLException {
        commit(false);
        reportProgress();
    }

    /** Rolls back the open batch, if any: after a failure or cancel, whose table is dropped anyway. */
    void abandon() {
        if (open) {
            open = false;
            try {
                transaction.execute(sql.get("staging/rollback"));
            } catch (SQLException ignored) {
                // the connection's transaction ends with it; nothing of this load is kept
            }
        }
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
            if (++uncommitted == COMMIT_ROWS) {
                commit(true);
            }
        } catch (SQLException e) {
            throw new JobFailure(table + ": appending failed: " + e.getMessage(), e);
        }
        if (++unreported == PROGRESS_ROWS) {
            reportProgress();
            if (failure.get() != null || job.isCancelRequested()) {
                throw new Stop();
            }
        }
    }

    private void commit(boolean again) throws SQLException {
        appender.flush();
        open = false;
        transaction.execute(sql.get("staging/commit"));
        uncommitted = 0;
        if (again) {
            begin();
        }
    }

    private void reportProgress() {
        rows.addAndGet(unreported);
        job.progress().rowsStaged(table, unreported);
        unreported = 0;
    }

    private void error(long line, String column, String reason, String excerpt) {
        long total = job.loadError(new JobView.LoadError(table, object.key(), line, column, reason, excerpt));
        if (total > maxErrors) {
            failure.compareAndSet(null, job.tooManyLoadErrors(table, maxErrors));
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
