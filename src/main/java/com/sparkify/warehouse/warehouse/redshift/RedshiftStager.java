package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobCancelledException;
import com.sparkify.warehouse.run.JobFailure;
import com.sparkify.warehouse.run.JobView;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.Tables;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Redshift's staging: lists the S3 prefixes for progress totals, then lets COPY read them in parallel
 * inside the cluster. Both tables are emptied with DELETE and loaded in one transaction, so a failed or
 * cancelled load leaves the previous staging data as it was.
 *
 * <p>{@code sparkify.etl.max-errors} counts bad records over both tables, as in the embedded engine:
 * the events COPY gets whatever the songs COPY left of it as its MAXERROR.
 */
final class RedshiftStager {

    /** Redshift's error detail names the failed statement's query id. */
    private static final Pattern QUERY_ID = Pattern.compile("\\bquery:\\s*(\\d+)");

    private final DataSource dataSource;
    private final CopyCommands copy;
    private final LoadErrorReader errors;
    private final Function<SourceLocation, ObjectSource> sources;
    private final Supplier<String> s3Endpoint;
    private final int maxErrors;

    RedshiftStager(DataSource dataSource, CopyCommands copy, Function<SourceLocation, ObjectSource> sources,
            Supplier<String> s3Endpoint, int maxErrors) {
        this.dataSource = dataSource;
        this.copy = copy;
        this.errors = new LoadErrorReader(dataSource, copy);
        this.sources = sources;
        this.s3Endpoint = s3Endpoint;
        this.maxErrors = maxErrors;
    }

    void stage(EtlSources locations, Job job) throws SQLException {
        Job.StepState listing = job.step("list_sources");
        SourceLocation.S3 songData = s3("songData", locations.songData());
        SourceLocation.S3 logData = s3("logData", locations.logData());
        SourceLocation.S3 jsonPathsPrefix = s3("logJsonPaths", locations.logJsonPaths());
        List<SourceObject> songObjects = list(songData);
        List<SourceObject> logObjects = list(logData);
        SourceLocation.S3 jsonPaths = jsonPathsFile(jsonPathsPrefix);
        job.progress().listed(songObjects);
        job.progress().listed(logObjects);
        job.progress().phase(0, 90);
        listing.succeed((long) (songObjects.size() + logObjects.size()));
        job.checkpoint();

        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); Job.Registration cancel = job.onCancel(() -> cancel(s))) {
                s.executeUpdate(copy.clear(Tables.STAGING_SONGS));
                s.executeUpdate(copy.clear(Tables.STAGING_EVENTS));
                long songsCopy = load(c, s, Tables.STAGING_SONGS, songData, songObjects, -1, job,
                        copy.copySongs(songData, allowed(job)));
                load(c, s, Tables.STAGING_EVENTS, logData, logObjects, songsCopy, job,
                        copy.copyEvents(logData, jsonPaths, allowed(job)));
                job.checkCancelled();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                if (job.isCancelRequested() && !(e instanceof JobFailure)) {
                    throw new JobCancelledException();
                }
                throw e;
            } finally {
                restore(c, autoCommit);
            }
        }
    }

    /** Runs one COPY; returns its query id. */
    private long load(Connection c, Statement s, String table, SourceLocation.S3 location,
            List<SourceObject> objects, long previousCopy, Job job, String copySql) throws SQLException {
        Job.StepState step = job.step("stage_" + table.substring("staging_".length()));
        long allowed = allowed(job);
        try {
            s.execute(copySql);
        } catch (SQLException e) {
            if (job.isCancelRequested()) {
                throw new JobCancelledException();
            }
            // The failed COPY aborted the transaction: roll back before asking the session anything.
            rollback(c);
            long queryId = failedCopyId(s, e, previousCopy);
            LoadErrorReader.Found found = queryId > 0 ? errors.read(queryId, table, location.bucket())
                    : LoadErrorReader.Found.NONE;
            if (found.total() > 0) {
                record(found, job);
                JobFailure failure = job.tooManyLoadErrors(table, maxErrors);
                failure.initCause(e);
                throw failure;
            }
            throw new JobFailure(table + ": COPY from " + location + " failed: " + describe(e), e);
        }
        long queryId;
        long rows;
        try (ResultSet rs = s.executeQuery(copy.lastCopy())) {
            rs.next();
            queryId = rs.getLong(1);
            rows = rs.getLong(2);
        }
        // MAXERROR above zero lets COPY skip records silently: fetch them so the run lists them.
        if (allowed > 0) {
            record(errors.read(queryId, table, location.bucket()), job);
            if (job.loadErrorCount() > maxErrors) {
                throw job.tooManyLoadErrors(table, maxErrors);
            }
        }
        for (SourceObject o : objects) {
            job.progress().objectDone(o.size());
        }
        job.progress().rowsStaged(table, rows);
        step.succeed(rows);
        job.checkpoint();
        return queryId;
    }

    /**
     * The failed COPY's query id: {@code pg_last_copy_id()} once it has moved past the previous COPY,
     * otherwise the {@code query:} line of Redshift's error detail; -1 when neither tells.
     */
    private long failedCopyId(Statement s, SQLException failure, long previousCopy) {
        try (ResultSet rs = s.executeQuery(copy.lastCopy())) {
            if (rs.next()) {
                long id = rs.getLong(1);
                if (id > 0 && id != previousCopy) {
                    return id;
                }
            }
        } catch (SQLException e) {
            // fall back to the error text
        }
        Matcher m = QUERY_ID.matcher(String.valueOf(failure.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** What is left of max-errors for the next COPY. */
    private long allowed(Job job) {
        return Math.max(0, maxErrors - job.loadErrorCount());
    }

    private static void record(LoadErrorReader.Found found, Job job) {
        JobView.LoadError last = null;
        for (JobView.LoadError error : found.listed()) {
            job.loadError(error);
            last = error;
        }
        // Beyond the listed rows the job only counts, so the same entry stands in for the rest.
        for (long i = found.listed().size(); i < found.total() && last != null; i++) {
            job.loadError(last);
        }
    }

    /** Redshift's multi-line error detail on one line. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("-{5,}", " ").replaceAll("\\s+", " ").strip();
    }

    /** COPY reads S3 from inside the cluster, so a local path cannot work: fail before listing anything. */
    private static SourceLocation.S3 s3(String field, SourceLocation location) {
        if (!(location instanceof SourceLocation.S3 s3)) {
            throw new JobFailure(field + " " + location + " is a local path, but the Redshift engine loads with "
                    + "COPY from S3 only: give an s3://bucket/prefix location");
        }
        try {
            CopyCommands.checkLiteral(s3);
        } catch (IllegalArgumentException e) {
            throw new JobFailure(field + " " + location + " cannot be used in COPY: " + e.getMessage());
        }
        return s3;
    }

    /** As COPY does, a prefix without any object fails the run rather than loading nothing. */
    private List<SourceObject> list(SourceLocation.S3 location) {
        List<SourceObject> objects;
        try {
            objects = sources.apply(location).list();
        } catch (IOException | SdkException e) {
            throw new JobFailure("cannot list " + location + " at " + s3Endpoint.get() + ": " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new JobFailure("no .json objects under " + location + " at " + s3Endpoint.get());
        }
        return objects;
    }

    /** COPY takes the JSONPaths file as one object key, so the location must name exactly one. */
    private SourceLocation.S3 jsonPathsFile(SourceLocation.S3 location) {
        List<SourceObject> objects;
        try {
            objects = sources.apply(location).list();
        } catch (IOException | SdkException e) {
            throw new JobFailure("cannot list " + location + " at " + s3Endpoint.get() + ": " + e.getMessage(), e);
        }
        SourceObject file = objects.stream().filter(o -> o.key().equals(location.prefix())).findFirst()
                .orElse(objects.size() == 1 ? objects.get(0) : null);
        if (file == null) {
            throw new JobFailure("logJsonPaths " + location + ": expected one JSONPaths file, found " + objects.size());
        }
        return new SourceLocation.S3(location.bucket(), file.key());
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the job still stops at its next safe point
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it discards the transaction anyway
        }
    }

    private static void restore(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // a broken connection is dropped by the pool
        }
    }
}
