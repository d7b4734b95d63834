package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobCancelledException;
import com.sparkify.warehouse.run.JobFailure;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.ReadAhead;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.NonJsonObjects;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.Transactions;
import com.sparkify.warehouse.warehouse.staging.JsonPaths;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The embedded engine's COPY: lists the objects, then a bounded pool of loader threads each reads,
 * parses and appends rows through its own connection and DuckDB appender into a fresh
 * copy of the staging table. Appending is most of the work, so parallel appenders use every core
 * where one writer thread would not. Read-ahead threads fetch the next objects meanwhile
 * ({@link ReadAhead}; for S3, {@link com.sparkify.warehouse.source.S3ReadAhead} keeps many requests in
 * flight), so loaders do not wait on a cold disk or the network, and most records take the parser's fast
 * path ({@link RecordMapper#mapLine}) straight from the read buffer. Local event logs are first
 * offered to DuckDB's own JSON reader ({@link NativeJsonScan}), which takes them whenever it reads
 * every record as these loaders would.
 *
 * <p>The fresh tables replace both staging tables by a rename in one transaction, without copying,
 * so a run that fails or is cancelled while staging leaves the previous staging data (and the star
 * schema) as they were. Memory is bounded by each thread's read buffer, its appender's chunk and the
 * read-ahead budget, whatever the data size.
 */
final class DuckDbStager {

    private static final String NEXT = "__next";
    /** The run's detail naming the reader that staged a table, when DuckDB's did. */
    static final String DUCKDB_READER = "duckdb";
    /** Set when loading must stop (cancel), so threads still running stop at their next record. */
    private static final RuntimeException STOP_LOADERS = new JobCancelledException();

    private final DataSource dataSource;
    private final SqlLibrary sql;
    private final SourceService sources;
    private final SparkifyConfig.Etl settings;
    private final ObjectMapper json;
    /** Whether local event logs go through DuckDB's own reader first ({@link NativeJsonScan}). */
    private final boolean nativeReader;
    /** The catalog holding the staging tables; null for the connections' default, the warehouse's own. */
    private final String catalog;

    DuckDbStager(DataSource dataSource, SqlLibrary sql, SourceService sources, SparkifyConfig.Etl settings,
            ObjectMapper json, boolean nativeReader) {
        this(dataSource, sql, sources, settings, json, nativeReader, null);
    }

    /** A stager for the staging tables of another attached catalog (the start-up warm-up's scratch one). */
    DuckDbStager(DataSource dataSource, SqlLibrary sql, SourceService sources, SparkifyConfig.Etl settings,
            ObjectMapper json, boolean nativeReader, String catalog) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.sources = sources;
        this.settings = settings;
        this.json = json;
        this.nativeReader = nativeReader;
        this.catalog = catalog;
    }

    void stage(EtlSources locations, Job job) throws SQLException, InterruptedException {
        Job.StepState listing = job.step("list_sources");
        JsonPaths jsonPaths = readJsonPaths(locations.logJsonPaths());
        RecordMapper events = mapper(() -> RecordMapper.forJsonPaths(StagingSchema.EVENTS, jsonPaths,
                settings.truncateColumns(), json), locations.logJsonPaths());
        RecordMapper songs = RecordMapper.auto(StagingSchema.SONGS, settings.truncateColumns(), json);
        ObjectSource logSource = sources.open(locations.logData());
        List<SourceObject> logObjects = list(logSource, locations.logData(), "logData", job);
        try (NativeJsonScan eventScan = nativeReader ? NativeJsonScan.plan(dataSource, sql, Tables.STAGING_EVENTS,
                qualified(Tables.STAGING_EVENTS + NEXT), events, logSource, logObjects, settings.maxRecordBytes())
                : null) {
            if (eventScan != null) {
                // The check of the event logs starts now and runs while the song files are listed and
                // loaded, which mostly wait on the disk.
                eventScan.startCheck(job, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
            }
            ObjectSource songSource = sources.open(locations.songData());
            List<SourceObject> songObjects = list(songSource, locations.songData(), "songData", job);
            job.progress().listed(songObjects);
            job.progress().listed(logObjects);
            job.progress().phase(0, 90);
            listing.succeed((long) (songObjects.size() + logObjects.size()));
            job.checkpoint();

            try (Connection conn = dataSource.getConnection()) {
                try {
                    load(conn, Tables.STAGING_SONGS, songs, songSource, locations.songData(), songObjects, null, job);
                    load(conn, Tables.STAGING_EVENTS, events, logSource, locations.logData(), logObjects, eventScan,
                            job);
                    job.checkCancelled();
                    Job.StepState publishing = job.step("publish_staging");
                    publish(job);
                    publishing.succeed(null);
                } finally {
                    for (String table : Tables.STAGING) {
                        execute(conn, "staging/drop_next", Map.of("next", qualified(table + NEXT)));
                    }
                }
            }
        }
    }

    /** Swaps the freshly loaded tables in for both staging tables in one transaction. */
    private void publish(Job job) throws SQLException {
        Transactions.inTransaction(dataSource, job, s -> {
            for (String table : Tables.STAGING) {
                s.execute(sql.render("staging/drop_replaced", Map.of("table", qualified(table))));
                s.execute(sql.render("staging/rename_next", Map.of("next", qualified(table + NEXT), "name", table)));
            }
        });
    }

    private void execute(Connection conn, String name, Map<String, String> values) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql.render(name, values));
        }
    }

    /**
     * Loads one table's objects into its fresh copy, {@code <table>__next}: through DuckDB's reader when
     * {@code scan} is given and its check accepts the files, else with one appender per loader thread.
     */
    private void load(Connection conn, String table, RecordMapper mapper, ObjectSource source,
            SourceLocation location, List<SourceObject> objects, NativeJsonScan scan, Job job)
            throws SQLException, InterruptedException {
        Job.StepState step = job.step("stage_" + table.substring("staging_".length()));
        int threads = Math.max(1, Math.min(sources.readers(location), objects.size()));
        String next = table + NEXT;
        Map<String, String> create = Map.of("next", qualified(next), "table", qualified(table));
        execute(conn, "staging/create_next", create);
        if (scan != null) {
            NativeJsonScan.Outcome outcome = scan.load(job);
            if (outcome.loaded()) {
                job.detail(readerDetail(table), DUCKDB_READER);
                step.succeed(outcome.rows());
                job.checkpoint();
                return;
            }
            job.detail(readerDetail(table), "service, as DuckDB's reader declined: " + outcome.declined());
            execute(conn, "staging/create_next", create); // a fresh table again, without DuckDB's rows
        }
        AtomicInteger cursor = new AtomicInteger();
        AtomicLong rows = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService pool = daemonPool(threads, "sparkify-loader");
        try (Prefetch ahead = sources.readAhead(location, source, objects)) {
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        loadShard(table, next, mapper, ahead, location, objects, cursor, rows, failure, job);
                    } catch (SQLException e) {
                        failure.compareAndSet(null, new JobFailure(table + ": " + e.getMessage(), e));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(50, TimeUnit.MILLISECONDS)) {
                if (job.isCancelRequested()) {
                    failure.compareAndSet(null, STOP_LOADERS);
                }
            }
        } finally {
            if (!pool.isTerminated()) {
                failure.compareAndSet(null, STOP_LOADERS);
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        job.checkCancelled();
        step.succeed(rows.get());
        job.checkpoint();
    }

    /** One loader thread: takes the next object until none is left or the load stops, appending to {@code target}. */
    private void loadShard(String table, String target, RecordMapper mapper, Prefetch source,
            SourceLocation location, List<SourceObject> objects, AtomicInteger next, AtomicLong rows,
            AtomicReference<RuntimeException> failure, Job job) throws SQLException {
        JsonRecordReader reader = new JsonRecordReader(settings.maxRecordBytes());
        try (Connection pooled = dataSource.getConnection()) {
            DuckDBConnection conn = pooled.unwrap(DuckDBConnection.class);
            try (DuckDBAppender appender = catalog == null
                    ? conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, target)
                    : conn.createAppender(catalog, DuckDBConnection.DEFAULT_SCHEMA, target)) {
                AppendingHandler handler = new AppendingHandler(table, mapper, appender, rows, failure, job,
                        settings.maxErrors());
                int index;
                while ((index = next.getAndIncrement()) < objects.size()) {
                    if (failure.get() != null || job.isCancelRequested()) {
                        return;
                    }
                    SourceObject object = objects.get(index);
                    handler.object(object);
                    try (InputStream in = source.open(index)) {
                        reader.read(in, handler);
                    } catch (IOException | SdkException e) {
                        failure.compareAndSet(null, new JobFailure("cannot read " + describe(location, object) + ": "
                                + e.getMessage(), e));
                        return;
                    } catch (AppendingHandler.Stop e) {
                        return;
                    }
                    job.progress().objectDone(object.size());
                }
                handler.finish();
            }
        }
    }

    /** The key of the run's detail naming the reader that staged {@code table}. */
    static String readerDetail(String table) {
        return table + "_reader";
    }

    /** A fixed pool of daemon threads: a load's threads never keep the JVM from exiting. */
    static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private String describe(SourceLocation location, SourceObject object) {
        if (location instanceof SourceLocation.S3 s3) {
            return "s3://" + s3.bucket() + "/" + object.key() + " at " + sources.s3Endpoint();
        }
        return object.key();
    }

    private JsonPaths readJsonPaths(SourceLocation location) {
        ObjectSource source = sources.open(location);
        List<SourceObject> objects = list(source, location, null, null);
        SourceObject file = objects.size() == 1 ? objects.get(0) : null;
        if (location instanceof SourceLocation.S3 s3) {
            file = objects.stream().filter(o -> o.key().equals(s3.prefix())).findFirst().orElse(file);
        }
        if (file == null) {
            throw new JobFailure("logJsonPaths " + location + ": expected one JSONPaths file, found "
                    + objects.size());
        }
        try (InputStream in = source.open(file)) {
            return JsonPaths.read(in, json);
        } catch (IllegalArgumentException e) {
            throw new JobFailure("logJsonPaths " + location + ": " + e.getMessage());
        } catch (IOException | SdkException e) {
            throw new JobFailure("cannot read " + describe(location, file) + ": " + e.getMessage(), e);
        }
    }

    private static RecordMapper mapper(Supplier<RecordMapper> build, SourceLocation location) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new JobFailure("logJsonPaths " + location + ": " + e.getMessage());
        }
    }

    /**
     * As COPY does, a location without any object fails the run rather than loading nothing. Keys that
     * are not {@code .json} are named in the run's details under {@code field} (none for the JSONPaths file).
     */
    private List<SourceObject> list(ObjectSource source, SourceLocation location, String field, Job job) {
        String where = location instanceof SourceLocation.S3 ? location + " at " + sources.s3Endpoint()
                : location.toString();
        List<SourceObject> objects;
        try {
            ObjectSource.Listing listing = source.listing();
            objects = listing.objects();
            if (job != null) {
                NonJsonObjects.record(job, field, location, listing.others());
            }
        } catch (IOException | SdkException e) {
            throw new JobFailure("cannot list " + where + ": " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new JobFailure("no .json objects under " + where);
        }
        return objects;
    }

    /** A staging table's name in this stager's catalog. */
    private String qualified(String table) {
        return catalog == null ? table : catalog + "." + DuckDBConnection.DEFAULT_SCHEMA + "." + table;
    }
}
