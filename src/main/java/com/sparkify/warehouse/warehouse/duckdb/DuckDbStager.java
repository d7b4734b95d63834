package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobCancelledException;
import com.sparkify.warehouse.run.JobFailure;
import com.sparkify.warehouse.run.JobView;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.staging.ColumnType;
import com.sparkify.warehouse.warehouse.staging.JsonPaths;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordException;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingColumn;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The embedded engine's COPY: lists the objects, reads and parses them on a bounded pool, and appends
 * the rows to the staging tables through DuckDB's appender on a single writer connection.
 *
 * <p>Both tables are replaced in one transaction, so a run that fails or is cancelled while staging
 * leaves the previous staging data (and the star schema) as they were. Memory is bounded by the
 * reader threads' buffers and a short queue of row batches, whatever the data size.
 */
final class DuckDbStager {

    private static final int BATCH_ROWS = 2048;
    private static final int QUEUE_BATCHES = 16;
    private static final int EXCERPT_BYTES = 120;
    /** Set when the writer leaves, so readers still running stop at their next record. */
    private static final RuntimeException STOP_READERS = new JobCancelledException();

    private final DataSource dataSource;
    private final SqlLibrary sql;
    private final SourceService sources;
    private final SparkifyConfig.Etl settings;
    private final ObjectMapper json;

    DuckDbStager(DataSource dataSource, SqlLibrary sql, SourceService sources, SparkifyConfig.Etl settings,
            ObjectMapper json) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.sources = sources;
        this.settings = settings;
        this.json = json;
    }

    void stage(EtlSources locations, Job job) throws SQLException, InterruptedException {
        Job.StepState listing = job.step("list_sources");
        JsonPaths jsonPaths = readJsonPaths(locations.logJsonPaths());
        RecordMapper events = mapper(() -> RecordMapper.forJsonPaths(StagingSchema.EVENTS, jsonPaths,
                settings.truncateColumns(), json), locations.logJsonPaths());
        RecordMapper songs = RecordMapper.auto(StagingSchema.SONGS, settings.truncateColumns(), json);
        ObjectSource songSource = sources.open(locations.songData());
        ObjectSource logSource = sources.open(locations.logData());
        List<SourceObject> songObjects = list(songSource, locations.songData());
        List<SourceObject> logObjects = list(logSource, locations.logData());
        job.progress().listed(songObjects.size(), totalBytes(songObjects));
        job.progress().listed(logObjects.size(), totalBytes(logObjects));
        job.progress().phase(0, 90);
        listing.succeed((long) (songObjects.size() + logObjects.size()));
        job.checkpoint();

        try (Connection pooled = dataSource.getConnection()) {
            DuckDBConnection conn = pooled.unwrap(DuckDBConnection.class);
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try {
                try (Statement s = conn.createStatement()) {
                    s.execute(sql.render("transform/clear_table", Map.of("table", Tables.STAGING_SONGS)));
                    s.execute(sql.render("transform/clear_table", Map.of("table", Tables.STAGING_EVENTS)));
                }
                load(conn, Tables.STAGING_SONGS, songs, songSource, locations.songData(), songObjects, job);
                load(conn, Tables.STAGING_EVENTS, events, logSource, locations.logData(), logObjects, job);
                job.checkCancelled();
                conn.commit();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(autoCommit);
            }
        }
    }

    private void load(DuckDBConnection conn, String table, RecordMapper mapper, ObjectSource source,
            SourceLocation location, List<SourceObject> objects, Job job) throws SQLException, InterruptedException {
        Job.StepState step = job.step("stage_" + table.substring("staging_".length()));
        List<StagingColumn> columns = StagingSchema.columns(table);
        BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int threads = Math.max(1, Math.min(settings.readerThreads(), objects.size()));
        running.set(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparkify-reader");
            t.setDaemon(true);
            return t;
        });
        long rows = 0;
        try {
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        readAll(table, mapper, source, location, objects, next, queue, failure, job);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }
            try (DuckDBAppender appender = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                boolean readersDone = false;
                while (!readersDone) {
                    // Read the flag before polling: once readers are done and the queue is empty, all is in.
                    readersDone = running.get() == 0;
                    List<Object[]> batch = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (batch != null) {
                        append(appender, columns, batch);
                        rows += batch.size();
                        job.progress().rowsStaged(table, batch.size());
                        readersDone = false;
                    }
                    RuntimeException failed = failure.get();
                    if (failed != null) {
                        throw failed;
                    }
                    job.checkCancelled();
                }
                appender.flush();
            }
        } finally {
            failure.compareAndSet(null, STOP_READERS);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        step.succeed(rows);
        job.checkpoint();
    }

    /** One reader thread: takes the next object until none is left or the load fails. */
    private void readAll(String table, RecordMapper mapper, ObjectSource source, SourceLocation location,
            List<SourceObject> objects, AtomicInteger next, BlockingQueue<List<Object[]>> queue,
            AtomicReference<RuntimeException> failure, Job job) throws InterruptedException {
        JsonRecordReader reader = new JsonRecordReader(settings.maxRecordBytes());
        List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
        int index;
        while ((index = next.getAndIncrement()) < objects.size()) {
            if (failure.get() != null || job.isCancelRequested()) {
                return;
            }
            SourceObject object = objects.get(index);
            BatchingHandler handler = new BatchingHandler(table, object, mapper, batch, queue, failure, job);
            try (InputStream in = source.open(object)) {
                reader.read(in, handler);
            } catch (IOException | SdkException e) {
                failure.compareAndSet(null, new JobFailure("cannot read " + describe(location, object) + ": "
                        + e.getMessage(), e));
                return;
            } catch (HandlerStop e) {
                return;
            }
            job.progress().objectDone(object.size());
        }
        if (!batch.isEmpty()) {
            queue.put(new ArrayList<>(batch));
        }
    }

    private String describe(SourceLocation location, SourceObject object) {
        if (location instanceof SourceLocation.S3 s3) {
            return "s3://" + s3.bucket() + "/" + object.key() + " at " + sources.s3Endpoint();
        }
        return object.key();
    }

    /** Collects rows into batches and turns bad records into load errors. */
    private final class BatchingHandler implements JsonRecordReader.Handler {
        private final String table;
        private final SourceObject object;
        private final RecordMapper mapper;
        private final List<Object[]> batch;
        private final BlockingQueue<List<Object[]>> queue;
        private final AtomicReference<RuntimeException> failure;
        private final Job job;

        BatchingHandler(String table, SourceObject object, RecordMapper mapper, List<Object[]> batch,
                BlockingQueue<List<Object[]>> queue, AtomicReference<RuntimeException> failure, Job job) {
            this.table = table;
            this.object = object;
            this.mapper = mapper;
            this.batch = batch;
            this.queue = queue;
            this.failure = failure;
            this.job = job;
        }

        @Override
        public void record(byte[] buf, int off, int len, long line) {
            try {
                batch.add(mapper.map(buf, off, len));
            } catch (RecordException e) {
                error(line, e.column(), e.getMessage(), excerpt(buf, off, len));
                return;
            }
            if (batch.size() == BATCH_ROWS) {
                try {
                    queue.put(new ArrayList<>(batch));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HandlerStop();
                }
                batch.clear();
                if (failure.get() != null || job.isCancelRequested()) {
                    throw new HandlerStop();
                }
            }
        }

        @Override
        public void error(long line, String reason, String excerpt) {
            error(line, null, reason, excerpt);
        }

        private void error(long line, String column, String reason, String excerpt) {
            long total = job.loadError(new JobView.LoadError(table, object.key(), line, column, reason, excerpt));
            if (total > settings.maxErrors()) {
                failure.compareAndSet(null, new JobFailure(table + ": " + total + " bad record"
                        + (total == 1 ? "" : "s") + " exceed sparkify.etl.max-errors=" + settings.maxErrors()
                        + "; first: " + firstError(job)));
                throw new HandlerStop();
            }
        }
    }

    private static String firstError(Job job) {
        JobView.LoadError e = job.view().loadErrors().get(0);
        return e.object() + " line " + e.line() + (e.column() == null ? "" : ", " + e.column()) + ": " + e.reason();
    }

    /** Unwinds a reader out of the record loop when the load has failed or was cancelled. */
    private static final class HandlerStop extends RuntimeException {
        HandlerStop() {
            super(null, null, false, false);
        }
    }

    private static void append(DuckDBAppender appender, List<StagingColumn> columns, List<Object[]> batch)
            throws SQLException {
        int width = columns.size();
        ColumnType[] types = new ColumnType[width];
        for (int i = 0; i < width; i++) {
            types[i] = columns.get(i).type();
        }
        for (Object[] row : batch) {
            appender.beginRow();
            for (int i = 0; i < width; i++) {
                Object v = row[i];
                if (v == null) {
                    appender.appendNull();
                    continue;
                }
                switch (types[i]) {
                    case VARCHAR -> appender.append((String) v);
                    case INTEGER -> appender.append(((Integer) v).intValue());
                    case DOUBLE -> appender.append(((Double) v).doubleValue());
                    case TIMESTAMP_MILLIS -> appender.appendEpochMicros(((Long) v) * 1000L);
                }
            }
            appender.endRow();
        }
    }

    private JsonPaths readJsonPaths(SourceLocation location) {
        ObjectSource source = sources.open(location);
        List<SourceObject> objects = list(source, location);
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

    /** As COPY does, a location without any object fails the run rather than loading nothing. */
    private List<SourceObject> list(ObjectSource source, SourceLocation location) {
        String where = location instanceof SourceLocation.S3 ? location + " at " + sources.s3Endpoint()
                : location.toString();
        List<SourceObject> objects;
        try {
            objects = source.list();
        } catch (IOException | SdkException e) {
            throw new JobFailure("cannot list " + where + ": " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new JobFailure("no .json objects under " + where);
        }
        return objects;
    }

    private static long totalBytes(List<SourceObject> objects) {
        long total = 0;
        for (SourceObject o : objects) {
            total += o.size();
        }
        return total;
    }

    private static String excerpt(byte[] buf, int off, int len) {
        int n = Math.min(len, EXCERPT_BYTES);
        return new String(buf, off, n, StandardCharsets.UTF_8) + (len > n ? "…" : "");
    }
}
