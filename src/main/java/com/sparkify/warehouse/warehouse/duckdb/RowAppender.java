package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.sql.SQLException;

import com.sparkify.warehouse.warehouse.staging.ColumnType;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordException;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingColumn;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import org.duckdb.DuckDBAppender;

/**
 * The loader's per-record work: map each record (the fast path for one-line records, else the
 * general one) and append its row through one DuckDB appender. Subclasses say what a row appended, a
 * bad record and a failed append mean to them: job bookkeeping for a load, nothing for the warm-up.
 */
abstract class RowAppender implements JsonRecordReader.Handler {

    private final RecordMapper mapper;
    private final DuckDBAppender appender;
    private final ColumnType[] types;
    private final Object[] row;

    RowAppender(String table, RecordMapper mapper, DuckDBAppender appender) {
        this.mapper = mapper;
        this.appender = appender;
        this.types = StagingSchema.columns(table).stream().map(StagingColumn::type).toArray(ColumnType[]::new);
        this.row = new Object[types.length];
    }

    /** Called after each appended row. */
    protected abstract void appended();

    /** A record the mapper refused, with the reader's line. */
    protected abstract void badRecord(long line, RecordException e, byte[] buf, int off, int len) throws IOException;

    /** What to throw when DuckDB refuses a row. */
    protected abstract RuntimeException appendFailed(SQLException e);

    @Override
    public final int recordOnLine(byte[] buf, int start, int limit, long line) {
        int end = mapper.mapLine(buf, start, limit, row);
        if (end >= 0) {
            appendRow();
        }
        return end;
    }

    @Override
    public final void record(byte[] buf, int off, int len, long line) throws IOException {
        try {
            mapper.mapUtf8(buf, off, len, row);
        } catch (RecordException e) {
            badRecord(line, e, buf, off, len);
            return;
        }
        appendRow();
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
            throw appendFailed(e);
        }
        appended();
    }
}
