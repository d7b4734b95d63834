package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectFeed;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.ReadAhead;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.NonJsonObjects;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadErrors;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.Transactions;
import com.sparkify.warehouse.warehouse.WorkListener;
import com.sparkify.warehouse.warehouse.staging.JsonPaths;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The embedded engine's COPY: lists the objects (song files from S3 are loaded as their listing's pages
 * arrive, so listing and reading overlap), and a bounded pool of loader threads each reads,
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
    /** The run's detail naming the problem type of its failure, as the API's problem+json would. */
    static final String PROBLEM_DETAIL = "problem";
    static final String INSUFFICIENT_STORAGE = "urn:sparkify:problem:insufficient-storage";
    /** Set when loading must stop (cancel), so threads still running stop at their next record. */
    private static final RuntimeException STOP_LOADERS = new LoadCancelledException();

    private final DataSource dataSource;
    private final SqlLibrary sql;
    private final SourceService sources;
    private final SparkifyConfig.Etl settings;
    private final ObjectMapper json;
    /** Whether local event logs go through DuckDB's own reader first ({@link NativeJsonScan}). */
    private final boolean nativeReader;
    /** Refuses a run that cannot fit in the data directory; null where nothing is written to disk. */
    private final StorageEstimate storage;
    /** The service's loader: one appender per loader thread into the fresh table, COPY's rules record by record. */
    private final StagingReader appenders = this::append;
    /** The event logs DuckDB's reader last staged, which a later run's check need not parse again. */
    private final CheckedFiles checkedFiles = new CheckedFiles();

    DuckDbStager(DataSource dataSource, SqlLibrary sql, SourceService sources, SparkifyConfig.Etl settings,
            ObjectMapper json, boolean nativeReader, StorageEstimate storage) {
        this.storage = storage;
        this.dataSource = dataSource;
        this.sql = sql;
        this.sources = sources;
        this.settings = settings;
        this.json = json;
        this.nativeReader = nativeReader;
    }

    StagingReport stage(EtlSources locations, StagingListener listener) throws SQLException, InterruptedException {
        WorkListener.Step listing = listener.step("list_sources");
        listener.listingStarted();
        LoadErrors errors = new LoadErrors(listener, settings.maxErrors());
        JsonPaths jsonPaths = readJsonPaths(locations.logJsonPaths());
        RecordMapper events = mapper(() -> RecordMapper.forJsonPaths(StagingSchema.EVENTS, jsonPaths,
                settings.truncateColumns(), json), locations.logJsonPaths());
        RecordMapper songs = RecordMapper.auto(StagingSchema.SONGS, settings.truncateColumns(), json);
        ObjectSource logSource = sources.open(locations.logData());
        List<SourceObject> logObjects = list(logSource, locations.logData(), "logData", listener, locations);
        // Counted before the check below reports its first file done: objectsDone never runs ahead of the listing.
        listener.listed(locations.logData(), logObjects);
        // One reader per source kind: DuckDB's for local event logs where it can read them (its check hands
        // them back to the appenders otherwise), the appenders for the rest.
        try (NativeJsonScan eventScan = nativeReader && !logObjects.isEmpty() ? NativeJsonScan.plan(dataSource, sql, Tables.STAGING_EVENTS,
                Tables.STAGING_EVENTS + NEXT, events, logSource, logObjects, settings.maxRecordBytes(), appenders,
                checkedFiles)
                : null) {
            if (eventScan != null) {
                // The check of the event logs starts now and runs while the song files are listed and
                // loaded, which mostly wait on the disk.
                eventScan.startCheck(listener, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
            }
            SpaceCheck space = checkSpace(listener);
            if (space != null) {
                space.budget.add(bytes(logObjects), true); // judged with the first page of song files
            }
            ObjectSource songSource = sources.open(locations.songData());
            ObjectFeed songObjects = listSongs(songSource, locations, listener, space, songCount -> {
                listing.succeed((long) (songCount + logObjects.size()));
                if (space != null) {
                    space.step.succeed(null);
                }
                listener.listingEnded();
            });
            if (songObjects.failure() != null) {
                throw songObjects.failure(); // a listing done at once (local files) failed or was refused
            }
            listener.checkpoint();

            Map<String, Long> rows = new LinkedHashMap<>();
            try (Connection conn = dataSource.getConnection()) {
                try {
                    rows.put(Tables.STAGING_SONGS, load(conn, new TableLoad(Tables.STAGING_SONGS, Tables.STAGING_SONGS + NEXT, songs, songSource,
                            locations.songData(), songObjects, listener, errors), appenders));
                    rows.put(Tables.STAGING_EVENTS, load(conn, new TableLoad(Tables.STAGING_EVENTS, Tables.STAGING_EVENTS + NEXT, events, logSource,
                            locations.logData(), ObjectFeed.of(logObjects), listener, errors),
                            eventScan != null ? eventScan : appenders));
                    listener.checkCancelled();
                    WorkListener.Step publishing = listener.step("publish_staging");
                    publish(listener);
                    publishing.succeed(null);
                } catch (SQLException | InterruptedException | RuntimeException e) {
                    try {
                        dropNext(conn);
                    } catch (SQLException dropping) {
                        e.addSuppressed(dropping);
                    }
                    throw e;
                }
                dropNext(conn);
            } catch (SQLException | InterruptedException | RuntimeException e) {
                songObjects.fail(STOP_LOADERS); // stops a listing still running
                throw e;
            }
            return new StagingReport(rows, songObjects.size() + logObjects.size(), errors.count());
        }
    }

    /**
     * Lists the song files into a feed the loaders read while later pages are still listed (S3; a local
     * folder is listed at once, an incremental run's chosen files come as one page). Each page is counted and
     * checked against the free space before a loader can take its objects; {@code ended} gets the objects
     * listed once the listing is complete and accepted. A failure, a refusal or an empty listing (unless the
     * run chose the files) fails the feed; a feed failed by the load stops the listing.
     */
    private ObjectFeed listSongs(ObjectSource source, EtlSources locations, StagingListener listener,
            SpaceCheck space, IntConsumer ended) {
        SourceLocation location = locations.songData();
        ObjectFeed feed = new ObjectFeed();
        boolean partial = location instanceof SourceLocation.S3;
        Consumer<List<SourceObject>> pages = page -> {
            listener.listed(location, page); // page by page: the ledger records every page's objects
            RuntimeException refused = space == null ? null : space.add(page, partial);
            if (refused != null) {
                feed.fail(refused);
            } else {
                feed.add(page);
            }
        };
        // An incremental run chose its song files already (possibly none): one page, made before the load.
        CompletableFuture<List<String>> listing = locations.selective()
                ? ObjectSource.handOver(locations.selection().songs(), pages) : source.listing(pages);
        feed.watch(() -> {
            if (feed.failure() != null) {
                listing.cancel(false);
            }
        });
        listing.whenComplete((others, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                feed.fail(new LoadFailure("cannot list " + where(location) + ": " + cause.getMessage(), cause));
            } else if (feed.failure() == null) {
                if (feed.size() == 0 && !locations.selective()) {
                    feed.fail(new LoadFailure("no .json objects under " + where(location)));
                    return;
                }
                NonJsonObjects.record(listener, "songData", location, others);
                RuntimeException refused = space == null ? null : space.add(List.of(), false);
                if (refused != null) {
                    feed.fail(refused);
                    return;
                }
                ended.accept(feed.size());
                feed.end();
            }
        });
        return feed;
    }

    /** The space check of a run: the free space taken once before anything is written, and its step. */
    private SpaceCheck checkSpace(WorkListener listener) throws SQLException {
        if (storage == null) {
            return null;
        }
        WorkListener.Step checking = listener.step("check_space");
        return new SpaceCheck(checking, storage.budget(), listener);
    }

    /** Fails the run before it writes anything the listing says cannot fit in the data directory. */
    private record SpaceCheck(WorkListener.Step step, StorageEstimate.Budget budget, WorkListener listener) {

        /** Adds listed objects: null while the bytes listed so far fit, else the failure refusing the run. */
        RuntimeException add(List<SourceObject> objects, boolean partial) {
            StorageEstimate.Outcome space = budget.add(bytes(objects), partial);
            if (space.fits()) {
                return null;
            }
            listener.detail(PROBLEM_DETAIL, INSUFFICIENT_STORAGE);
            return new LoadFailure("insufficient storage: " + space.describe());
        }
    }

    private static long bytes(List<SourceObject> objects) {
        long bytes = 0;
        for (SourceObject object : objects) {
            bytes += object.size();
        }
        return bytes;
    }

    /**
     * Drops the tables a run loaded into. After a failure this may fail too (a database DuckDB has just
     * invalidated): the first failure is the one to report, and the engine drops them once it is reopened.
     */
    private void dropNext(Connection conn) throws SQLException {
        for (String table : Tables.STAGING) {
            execute(conn, "staging/drop_next", Map.of("next", table + NEXT));
        }
    }

    /** Drops what a run that stopped half-way left behind; the engine calls it after reopening its database. */
    void dropLeftovers(Connection conn) throws SQLException {
        dropNext(conn);
    }

    /** Swaps the freshly loaded tables in for both staging tables in one transaction. */
    private void publish(WorkListener listener) throws SQLException {
        Transactions.inTransaction(dataSource, listener, (c, s) -> {
            for (String table : Tables.STAGING) {
                s.execute(sql.render("staging/drop_replaced", Map.of("table", table)));
                s.execute(sql.render("staging/rename_next", Map.of("next", table + NEXT, "name", table)));
            }
        });
    }

    private void execute(Connection conn, String name, Map<String, String> values) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql.render(name, values));
        }
    }

    /** Loads one table's objects into its fresh copy, {@code <table>__next}, with {@code reader}; returns the rows. */
    private long load(Connection conn, TableLoad load, StagingReader reader) throws SQLException, InterruptedException {
        WorkListener.Step step = load.listener.step("stage_" + load.table.substring("staging_".length()));
        execute(conn, "staging/create_next", Map.of("next", load.next, "table", load.table));
        long rows = reader.load(load);
        step.succeed(rows);
        load.listener.checkpoint();
        return rows;
    }

    private long append(TableLoad load) throws InterruptedException {
        StagingListener listener = load.listener;
        int readers = sources.readers(load.location);
        int threads = Math.max(1, load.objects.ended() ? Math.min(readers, load.objects.size()) : readers);
        ExecutorService pool = daemonPool(threads, "sparkify-loader");
        try (Prefetch ahead = sources.readAhead(load.location, load.source, load.objects)) {
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        loadShard(load, ahead);
                    } catch (SQLException e) {
                        load.failure.compareAndSet(null, new LoadFailure(load.table + ": " + e.getMessage(), e));
                    } catch (RuntimeException e) {
                        load.failure.compareAndSet(null, e);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(50, TimeUnit.MILLISECONDS)) {
                if (listener.isCancelRequested()) {
                    load.failure.compareAndSet(null, STOP_LOADERS);
                }
                if (load.failure.get() != null) {
                    load.objects.fail(STOP_LOADERS); // wakes loaders waiting for the listing
                }
            }
        } finally {
            if (!pool.isTerminated()) {
                load.failure.compareAndSet(null, STOP_LOADERS);
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
        RuntimeException failed = load.failure.get();
        if (failed != null) {
            throw failed;
        }
        listener.checkCancelled();
        return load.rows.get();
    }

    /** One loader thread: takes the next object until none is left or the load stops, appending to its fresh table. */
    private void loadShard(TableLoad load, Prefetch source) throws SQLException {
        JsonRecordReader reader = new JsonRecordReader(settings.maxRecordBytes());
        try (Connection pooled = dataSource.getConnection()) {
            DuckDBConnection conn = pooled.unwrap(DuckDBConnection.class);
            try (DuckDBAppender appender = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, load.next)) {
                AppendingHandler handler = new AppendingHandler(load, appender);
                int index;
                SourceObject object;
                while ((object = load.objects.await(index = load.cursor.getAndIncrement())) != null) {
                    if (load.stopping()) {
                        return;
                    }
                    handler.object(object);
                    try (InputStream in = source.open(index)) {
                        reader.read(in, handler);
                    } catch (IOException | SdkException e) {
                        load.failure.compareAndSet(null, new LoadFailure("cannot read "
                                + describe(load.location, object) + ": " + e.getMessage(), e));
                        return;
                    } catch (AppendingHandler.Stop e) {
                        return;
                    }
                    load.listener.objectDone(object.size());
                }
                handler.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the load stopped: its failure is set already
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
        List<SourceObject> objects = list(source, location, null, null, null);
        SourceObject file = objects.size() == 1 ? objects.get(0) : null;
        if (location instanceof SourceLocation.S3 s3) {
            file = objects.stream().filter(o -> o.key().equals(s3.prefix())).findFirst().orElse(file);
        }
        if (file == null) {
            throw new LoadFailure("logJsonPaths " + location + ": expected one JSONPaths file, found "
                    + objects.size());
        }
        try (InputStream in = source.open(file)) {
            return JsonPaths.read(in, json);
        } catch (IllegalArgumentException e) {
            throw new LoadFailure("logJsonPaths " + location + ": " + e.getMessage());
        } catch (IOException | SdkException e) {
            throw new LoadFailure("cannot read " + describe(location, file) + ": " + e.getMessage(), e);
        }
    }

    /** A location as failures name it: an S3 location with its endpoint. */
    private String where(SourceLocation location) {
        return location instanceof SourceLocation.S3 ? location + " at " + sources.s3Endpoint() : location.toString();
    }

    private static RecordMapper mapper(Supplier<RecordMapper> build, SourceLocation location) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new LoadFailure("logJsonPaths " + location + ": " + e.getMessage());
        }
    }

    /**
     * As COPY does, a location without any object fails the run rather than loading nothing. Keys that
     * are not {@code .json} are named in the run's details under {@code field} (none for the JSONPaths file).
     */
    private List<SourceObject> list(ObjectSource source, SourceLocation location, String field, WorkListener job,
            EtlSources selection) {
        String where = where(location);
        List<SourceObject> objects;
        try {
            ObjectSource.Listing listing = selection == null ? source.listing() : selection.listing(location, source);
            objects = listing.objects();
            if (job != null) {
                NonJsonObjects.record(job, field, location, listing.others());
            }
        } catch (IOException | SdkException e) {
            throw new LoadFailure("cannot list " + where + ": " + e.getMessage(), e);
        }
        if (objects.isEmpty() && (selection == null || !selection.selective())) {
            throw new LoadFailure("no .json objects under " + where);
        }
        return objects;
    }
}
