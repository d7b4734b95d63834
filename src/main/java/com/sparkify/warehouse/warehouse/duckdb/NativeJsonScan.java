package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import com.sparkify.warehouse.source.LocalObjectSource;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.WorkListener;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingColumn;

/**
 * Stages local JSON-lines files (the event logs, a file a day) with DuckDB's own JSON reader, which
 * parses and inserts in C++, faster than rows travel through the Java appender (BENCHMARKS.md).
 *
 * <p>DuckDB's conversions are not COPY's: it rounds 5.5 into an INTEGER, reads {@code true} as 1 and
 * writes a number into a VARCHAR in its own notation. So while DuckDB reads, the service's parser reads
 * the same files and checks that every record is one the two read alike: a flat object on one line
 * whose mapped fields hold plain strings and numbers of their columns' types and widths, exactly the
 * records its fast path maps ({@link RecordMapper#mapsFast}), less those with a string of whitespace
 * only (COPY loads it as NULL; the statement only turns empty strings into NULL, as a per-value test
 * for whitespace slowed DuckDB's insert markedly). For those, DuckDB's row and the service's are
 * the same. Any other record, any DuckDB error, or a different record count, and the
 * scan is declined: the caller drops its rows and stages the table with the service's loader, which
 * applies COPY's rules and reports load errors line by line. The check starts before DuckDB's insert
 * (while the song files load) and only counts records, building no rows: run beside the insert, it
 * took a core from DuckDB's two for most of the insert's time. A file that is handed back costs both
 * readers. A file the last accepted scan checked and that has not changed since ({@link CheckedFiles}) is
 * only read through, for the page cache, not parsed again.
 */
final class NativeJsonScan implements StagingReader, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NativeJsonScan.class);
    /** Field names written into the statement; anything else leaves the table to the service's loader. */
    private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** read_json expands these in a path, so a file named with them is not read through it. */
    private static final Pattern GLOB = Pattern.compile("[*?\\[\\]{}]");
    private final DataSource dataSource;
    private final String statement;
    private final String table;
    private final RecordMapper mapper;
    private final LocalObjectSource source;
    private final List<SourceObject> objects;
    private final int maxRecordBytes;
    /** Empties the target again after a decline, before the fallback loads it. */
    private final String recreate;
    /** The service's loader, which stages the table when the check declines DuckDB's rows. */
    private final StagingReader fallback;
    /** The fields the check reads records by, and the files it need not parse again. */
    private final List<String> fields;
    private final CheckedFiles known;
    /** Each object's file, as {@link CheckedFiles} keeps it. */
    private final List<String> paths;
    /** The records the check counted in each object, for {@link CheckedFiles} once the scan is accepted. */
    private final long[] recordsPerObject;

    // The check's state, shared by its threads and the load.
    private final AtomicReference<String> declined = new AtomicReference<>();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong checkedBytes = new AtomicLong();
    private final AtomicInteger checkedObjects = new AtomicInteger();
    private final AtomicInteger cursor = new AtomicInteger();
    /** DuckDB's statement while it runs, for a decline or a cancel to stop it. */
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private volatile boolean closed;
    private ExecutorService checkers;

    private NativeJsonScan(DataSource dataSource, String statement, String table, RecordMapper mapper,
            LocalObjectSource source, List<SourceObject> objects, List<String> paths, int maxRecordBytes,
            String recreate, StagingReader fallback, List<String> fields, CheckedFiles known) {
        this.recreate = recreate;
        this.fallback = fallback;
        this.fields = fields;
        this.known = known;
        this.paths = paths;
        this.recordsPerObject = new long[objects.size()];
        this.dataSource = dataSource;
        this.statement = statement;
        this.table = table;
        this.mapper = mapper;
        this.source = source;
        this.objects = objects;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * The scan of {@code objects} into {@code target}, or null where DuckDB's reader cannot be used:
     * files that are not local, fields matched by nested paths or regardless of case (the song files'
     * {@code 'auto ignorecase'}), one field feeding columns of different types, unusual names.
     * {@code fallback} stages the table when the check declines; {@code known} holds the files earlier
     * scans checked, and gets this one's once it is accepted.
     */
    static NativeJsonScan plan(DataSource dataSource, SqlLibrary sql, String table, String target,
            RecordMapper mapper, ObjectSource source, List<SourceObject> objects, int maxRecordBytes,
            StagingReader fallback, CheckedFiles known) {
        List<String> fields = mapper.exactFields();
        if (!(source instanceof LocalObjectSource local) || fields == null) {
            return null;
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<String> values = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            StagingColumn column = mapper.columns().get(i);
            String type = switch (column.type()) {
                case VARCHAR -> "VARCHAR";
                case INTEGER -> "INTEGER";
                case DOUBLE -> "DOUBLE";
                case TIMESTAMP_MILLIS -> "BIGINT";
            };
            if (!PLAIN_FIELD.matcher(field).matches() || !type.equals(types.getOrDefault(field, type))) {
                return null;
            }
            types.put(field, type);
            String ref = "\"" + field + "\"";
            values.add(switch (column.type()) {
                case VARCHAR -> expression(sql, "staging/read_json_varchar", Map.of("field", ref));
                case INTEGER, DOUBLE -> ref;
                case TIMESTAMP_MILLIS -> expression(sql, "staging/read_json_epoch_millis", Map.of("field", ref));
            });
        }
        List<String> files = new ArrayList<>(objects.size());
        List<String> paths = new ArrayList<>(objects.size());
        try {
            for (SourceObject object : objects) {
                String file = local.path(object).toString();
                if (GLOB.matcher(file).find()) {
                    return null;
                }
                files.add(SqlLibrary.literal(file));
                paths.add(file);
            }
        } catch (IllegalArgumentException e) {
            return null; // a backslash or control character in a file name
        }
        String columns = types.entrySet().stream()
                .map(e -> SqlLibrary.literal(e.getKey()) + ": " + SqlLibrary.literal(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        String statement = sql.render("staging/insert_read_json", Map.of("next", target,
                "values", String.join(",\n       ", values), "files", String.join(", ", files),
                "columns", columns, "max_object_size", Integer.toString(maxRecordBytes)));
        // The statement turns only empty strings into NULL; blank ones go back to the loader.
        return new NativeJsonScan(dataSource, statement, table, mapper.declineBlanks(), local, objects, paths,
                maxRecordBytes, sql.render("staging/create_next", Map.of("next", target, "table", table)), fallback,
                fields, known);
    }

    /**
     * Starts the check on threads of its own. Started before the other staging table's load, the check
     * runs while that load mostly waits on the disk, and pulls the files into the page cache for
     * DuckDB, whose insert later has more of the cores to itself. Each checker reads its files in
     * order, without read-ahead threads: those, on a cold disk, starved the song files' reads.
     * Call once, before {@link #load}.
     */
    void startCheck(StagingListener listener, int checkers) {
        this.checkers = DuckDbStager.daemonPool(checkers, "sparkify-check");
        for (int i = 0; i < checkers; i++) {
            this.checkers.execute(() -> check(listener));
        }
        this.checkers.shutdown();
    }

    /**
     * Runs DuckDB's reader (unless the check has already declined) and waits for the check's verdict.
     * When declined, the progress the check reported is taken back and the fallback stages the table
     * into an empty target again; the run's details name the reader that staged it. Cancellation throws.
     */
    @Override
    public long load(TableLoad load) throws SQLException, InterruptedException {
        StagingListener listener = load.listener;
        long rows = scan(listener);
        if (rows >= 0) {
            listener.detail(DuckDbStager.readerDetail(table), DuckDbStager.DUCKDB_READER);
            return rows;
        }
        listener.detail(DuckDbStager.readerDetail(table), "service, as DuckDB's reader declined: " + declined.get());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(recreate); // without DuckDB's rows
        }
        return fallback.load(load);
    }

    /** DuckDB's insert and the check's verdict: the rows inserted, or -1 when declined. */
    private long scan(StagingListener listener) throws SQLException, InterruptedException {
        if (checkers == null) {
            throw new IllegalStateException("startCheck must come before load: the check's verdict decides the load");
        }
        long inserted = -1;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                WorkListener.Registration cancel = listener.onCancel(this::stopDuckDb)) {
            running.set(s);
            if (declined.get() == null) {
                inserted = s.executeLargeUpdate(statement);
            }
        } catch (SQLException e) {
            listener.checkCancelled();
            declined.compareAndSet(null, "DuckDB's reader failed: " + firstLine(e.getMessage()));
        } finally {
            running.set(null);
            checkers.awaitTermination(1, TimeUnit.DAYS);
        }
        listener.checkCancelled();
        if (declined.get() == null && inserted != checked.get()) {
            declined.set("DuckDB's reader read " + inserted + " records, the service's parser " + checked.get());
        }
        if (declined.get() != null) {
            known.forget();
            listener.retract(checkedObjects.get(), checkedBytes.get(), table, checked.get());
            LOG.infof("%s: DuckDB's JSON reader declined (%s); staging it with the service's loader", table,
                    declined.get());
            return -1;
        }
        known.accepted(fields, paths, objects, recordsPerObject);
        return inserted;
    }

    /** Stops the check when the run ends before {@link #load}. */
    @Override
    public void close() {
        closed = true;
        if (checkers != null) {
            checkers.shutdownNow();
        }
    }

    private void stopDuckDb() {
        Statement s = running.get();
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // it stops at its end; the check's verdict decides anyway
            }
        }
    }

    /** One checking thread: takes the next file until none is left, the scan is declined or the job cancelled. */
    private void check(StagingListener listener) {
        JsonRecordReader reader = new JsonRecordReader(maxRecordBytes);
        byte[] skipped = null;
        int index;
        while ((index = cursor.getAndIncrement()) < objects.size()) {
            if (closed || declined.get() != null || listener.isCancelRequested()) {
                return;
            }
            SourceObject object = objects.get(index);
            long records = known.records(fields, paths.get(index), object);
            try (InputStream in = source.open(object)) {
                if (records >= 0) {
                    // Checked before and unchanged: read through only, so DuckDB finds it in the page cache.
                    skipped = skipped == null ? new byte[1 << 16] : skipped;
                    while (in.read(skipped) >= 0) {
                        // nothing to parse
                    }
                } else {
                    Alike handler = new Alike();
                    reader.read(in, handler);
                    records = handler.records;
                }
            } catch (NotAlike e) {
                decline(object.key() + " line " + e.line + ": " + e.getMessage());
                return;
            } catch (IOException | UncheckedIOException e) {
                decline("cannot read " + object.key() + ": " + e.getMessage());
                return;
            }
            recordsPerObject[index] = records;
            checked.addAndGet(records);
            checkedBytes.addAndGet(object.size());
            checkedObjects.incrementAndGet();
            listener.objectDone(object.size());
            listener.rowsStaged(table, records);
        }
    }

    private void decline(String reason) {
        declined.compareAndSet(null, reason);
        stopDuckDb();
    }

    /** Counts the records the fast path maps (building no rows); stops at the first it does not. */
    private final class Alike implements JsonRecordReader.Handler {
        private long records;

        @Override
        public int recordOnLine(byte[] buf, int start, int limit, long line) {
            int end = mapper.mapLine(buf, start, limit, null);
            if (end >= 0) {
                records++;
            }
            return end; // -1: the reader finds the record's end and calls record()
        }

        @Override
        public void record(byte[] buf, int off, int len, long line) {
            // A record the reader had to scan: split across its read buffer, or spread over lines.
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n' || buf[i] == '\r') {
                    throw new NotAlike(line, "a record over several lines");
                }
            }
            if (!mapper.mapsFast(buf, off, len, null)) {
                throw new NotAlike(line, "a value COPY's rules convert");
            }
            records++;
        }

        @Override
        public void error(long line, String reason, String excerpt) {
            throw new NotAlike(line, reason);
        }
    }

    /** Unwinds the reader at the first record the two readers might not read alike. */
    private static final class NotAlike extends RuntimeException {
        private final long line;

        NotAlike(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** An expression resource without its comment lines, to go inside the statement. */
    private static String expression(SqlLibrary sql, String name, Map<String, String> values) {
        return sql.render(name, values).lines().filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n"));
    }
}
