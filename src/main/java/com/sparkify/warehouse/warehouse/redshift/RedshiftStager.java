package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.LoadErrors;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.NonJsonObjects;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.Transactions;
import com.sparkify.warehouse.warehouse.WorkListener;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Redshift's staging: lists the S3 prefixes for progress totals, then lets COPY read them in parallel
 * inside the cluster. Both tables are emptied with DELETE and loaded in one transaction, so a failed or
 * cancelled load leaves the previous staging data as it was.
 *
 * <p>{@code sparkify.etl.max-errors} counts bad records over both tables, as in the embedded engine:
 * each COPY may skip what the previous one left of it, and the service reads back the records every COPY
 * rejected and enforces the limit itself (see {@link CopyCommands#maxError}).
 *
 * <p>With a staging area COPY reads a manifest of exactly the listed objects; without one it reads the
 * prefixes, so a prefix holding keys that are not {@code .json} fails the run before COPY.
 */
final class RedshiftStager {

    private static final Logger LOG = Logger.getLogger(RedshiftStager.class);

    private final DataSource dataSource;
    private final CopyCommands copy;
    private final LoadErrorReader errorReader;
    private final Function<SourceLocation, ObjectSource> sources;
    private final Supplier<String> s3Endpoint;
    private final int maxErrors;
    private final Supplier<StagingArea> staging;

    RedshiftStager(DataSource dataSource, CopyCommands copy, Function<SourceLocation, ObjectSource> sources,
            Supplier<String> s3Endpoint, int maxErrors, Supplier<StagingArea> staging) {
        this.dataSource = dataSource;
        this.copy = copy;
        this.errorReader = new LoadErrorReader(dataSource, copy);
        this.sources = sources;
        this.s3Endpoint = s3Endpoint;
        this.maxErrors = maxErrors;
        this.staging = staging;
    }

    StagingReport stage(EtlSources locations, StagingListener listener) throws SQLException {
        WorkListener.Step listing = listener.step("list_sources");
        SourceLocation.S3 songData = s3("songData", locations.songData());
        SourceLocation.S3 logData = s3("logData", locations.logData());
        SourceLocation.S3 jsonPathsPrefix = s3("logJsonPaths", locations.logJsonPaths());
        ObjectSource.Listing songListing = list(songData, locations);
        ObjectSource.Listing logListing = list(logData, locations);
        List<SourceObject> songObjects = songListing.objects();
        List<SourceObject> logObjects = logListing.objects();
        SourceLocation.S3 jsonPaths = jsonPathsFile(jsonPathsPrefix);
        NonJsonObjects.record(listener, "songData", songData, songListing.others());
        NonJsonObjects.record(listener, "logData", logData, logListing.others());
        StagingArea area = staging.get();
        if (area == null) {
            refuseNonJson(songData, songListing);
            refuseNonJson(logData, logListing);
        }
        listener.listed(songData, songObjects);
        listener.listed(logData, logObjects);
        listing.succeed((long) (songObjects.size() + logObjects.size()));
        listener.checkpoint();

        LoadErrors errors = new LoadErrors(listener, maxErrors);
        Map<String, Long> rows = new LinkedHashMap<>();
        // The staging folder is this load's alone: a fresh id, deleted when the load ends.
        String runId = UUID.randomUUID().toString();
        try {
            CopyCommands.Source songSource = CopyCommands.Source.prefix(songData);
            CopyCommands.Source logSource = CopyCommands.Source.prefix(logData);
            if (area != null) {
                int left = area.clearLeftovers(runId);
                if (left > 0) {
                    LOG.infof("Deleted %d objects earlier runs left under %s", left, area.root());
                }
                songSource = manifest(area, runId, Tables.STAGING_SONGS, songData, songObjects);
                logSource = manifest(area, runId, Tables.STAGING_EVENTS, logData, logObjects);
            }
            CopyCommands.Source songs = songSource;
            CopyCommands.Source logs = logSource;
            Transactions.inTransaction(dataSource, listener, (c, s) -> {
                int session = single(s, copy.backendPid()).intValue();
                s.executeUpdate(copy.clear(Tables.STAGING_SONGS));
                s.executeUpdate(copy.clear(Tables.STAGING_EVENTS));
                Session load = new Session(c, s, session, listener, errors);
                rows.put(Tables.STAGING_SONGS, load(load, Tables.STAGING_SONGS, songData, songObjects,
                        allowed -> copy.copySongs(songs, allowed)));
                rows.put(Tables.STAGING_EVENTS, load(load, Tables.STAGING_EVENTS, logData, logObjects,
                        allowed -> copy.copyEvents(logs, jsonPaths, allowed)));
            });
        } finally {
            if (area != null) {
                deleteRun(area, runId);
            }
        }
        return new StagingReport(rows, songObjects.size() + logObjects.size(), errors.count());
    }

    /** The load's transaction, on one connection: its session's process id, and where it reports to. */
    private record Session(Connection c, Statement s, int session, StagingListener listener, LoadErrors errors) {
    }

    /**
     * Runs one COPY and reads back what it rejected. The baselines come first: the system views' last
     * load-error id for this session and table, and this session's {@code pg_last_copy_id()}, which a
     * rolled-back COPY leaves where it was.
     */
    private long load(Session load, String table, SourceLocation.S3 location, List<SourceObject> objects,
            LongFunction<String> copySql) throws SQLException {
        Statement s = load.s();
        StagingListener listener = load.listener();
        LoadErrors errors = load.errors();
        WorkListener.Step step = listener.step("stage_" + table.substring("staging_".length()));
        if (objects.isEmpty()) {
            step.succeed(0L); // a selective load with nothing new of this kind: the table stays emptied
            return 0;
        }
        LoadErrorReader.Baseline baseline = errorReader.baseline(load.session(), table);
        long copyBefore = single(s, copy.copyBaseline());
        try {
            s.execute(copySql.apply(errors.allowed()));
        } catch (SQLException e) {
            if (listener.isCancelRequested()) {
                throw new LoadCancelledException();
            }
            // The failed COPY aborted the transaction: roll back before asking the session anything.
            Transactions.rollback(load.c());
            LoadErrorReader.Found found = errorReader.read(baseline, location.bucket());
            if (found.total() > 0) {
                record(found, errors);
                if (errors.exceeded()) {
                    LoadFailure failure = errors.tooMany(table);
                    failure.initCause(e);
                    throw failure;
                }
            }
            throw new LoadFailure(table + ": COPY from " + location + " failed: " + describe(e), e);
        }
        long rows;
        try (ResultSet rs = s.executeQuery(copy.lastCopy())) {
            rs.next();
            rows = rs.getLong(1) != copyBefore ? rs.getLong(2) : -1;
        }
        if (rows < 0) {
            // The id did not move, so its count is another COPY's: count the rows instead.
            try (ResultSet rs = s.executeQuery(copy.countRows(table))) {
                rows = rs.next() ? rs.getLong(2) : 0;
            }
        }
        // Whether COPY stops at MAXERROR errors or above, it may have skipped records: list and count them.
        LoadErrorReader.Found found = errorReader.read(baseline, location.bucket());
        if (!found.readable()) {
            throw new LoadFailure(table + ": the records COPY rejected could not be read from STL_LOAD_ERRORS or "
                    + "SYS_LOAD_ERROR_DETAIL, so sparkify.etl.max-errors cannot be enforced: the load is rolled back");
        }
        record(found, errors);
        if (errors.exceeded()) {
            throw errors.tooMany(table);
        }
        for (SourceObject o : objects) {
            listener.objectDone(o.size());
        }
        listener.rowsStaged(table, rows);
        step.succeed(rows);
        listener.checkpoint();
        return rows;
    }

    /** Writes the manifest of {@code objects} for a table's COPY into the run's staging folder. */
    private static CopyCommands.Source manifest(StagingArea area, String runId, String table,
            SourceLocation.S3 source, List<SourceObject> objects) {
        try {
            return CopyCommands.Source.manifest(area.put(runId, table + ".manifest",
                    CopyManifest.json(source.bucket(), objects), "application/json"));
        } catch (SdkException e) {
            throw new LoadFailure("cannot write the COPY manifest for " + table + " under "
                    + area.root() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRun(StagingArea area, String runId) {
        try {
            area.deleteRun(runId);
        } catch (SdkException | IllegalArgumentException e) {
            LOG.warnf("The run's staging objects under %s%s/ could not be deleted (the next run retries): %s",
                    area.root(), runId, e.getMessage());
        }
    }

    /** Without a manifest COPY would load every key under the prefix, so other objects fail the run first. */
    private static void refuseNonJson(SourceLocation.S3 location, ObjectSource.Listing listing) {
        if (!listing.others().isEmpty()) {
            throw new LoadFailure(NonJsonObjects.describe(location, listing.others()) + "; COPY of the prefix would load "
                    + "them: remove them, or set sparkify.redshift.staging-prefix so COPY reads a manifest of "
                    + "the .json objects only");
        }
    }

    private static Long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1L;
        }
    }

    private static void record(LoadErrorReader.Found found, LoadErrors errors) {
        LoadError last = null;
        for (LoadError error : found.listed()) {
            errors.add(error);
            last = error;
        }
        // Beyond the listed rows the job only counts, so the same entry stands in for the rest.
        for (long i = found.listed().size(); i < found.total() && last != null; i++) {
            errors.add(last);
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
            throw new LoadFailure(field + " " + location + " is a local path, but the Redshift engine loads with "
                    + "COPY from S3 only: give an s3://bucket/prefix location");
        }
        try {
            CopyCommands.checkLiteral(s3);
        } catch (IllegalArgumentException e) {
            throw new LoadFailure(field + " " + location + " cannot be used in COPY: " + e.getMessage());
        }
        return s3;
    }

    /** As COPY does, a prefix without any object fails the run rather than loading nothing. */
    private ObjectSource.Listing list(SourceLocation.S3 location, EtlSources selection) {
        ObjectSource.Listing listing;
        try {
            listing = selection.listing(location, sources.apply(location));
        } catch (IOException | SdkException e) {
            throw new LoadFailure("cannot list " + location + " at " + s3Endpoint.get() + ": " + e.getMessage(), e);
        }
        if (listing.objects().isEmpty() && !selection.selective()) {
            throw new LoadFailure("no .json objects under " + location + " at " + s3Endpoint.get());
        }
        return listing;
    }

    /** COPY takes the JSONPaths file as one object key, so the location must name exactly one. */
    private SourceLocation.S3 jsonPathsFile(SourceLocation.S3 location) {
        List<SourceObject> objects;
        try {
            objects = sources.apply(location).list();
        } catch (IOException | SdkException e) {
            throw new LoadFailure("cannot list " + location + " at " + s3Endpoint.get() + ": " + e.getMessage(), e);
        }
        SourceObject file = objects.stream().filter(o -> o.key().equals(location.prefix())).findFirst()
                .orElse(objects.size() == 1 ? objects.get(0) : null);
        if (file == null) {
            throw new LoadFailure("logJsonPaths " + location + ": expected one JSONPaths file, found " + objects.size());
        }
        return new SourceLocation.S3(location.bucket(), file.key());
    }
}
