package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * prefixes, so a prefix holding keys that are not {@code .json} fails the run before COPY. With a staging
 * area, a folder of small objects is first compacted into a few gzip parts there ({@link Compaction}),
 * and COPY reads their manifest; its load errors are reported against the original objects and lines.
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
    private final Compaction compaction;
    private final int serverlessParts;

    RedshiftStager(DataSource dataSource, CopyCommands copy, Function<SourceLocation, ObjectSource> sources,
            Supplier<String> s3Endpoint, int maxErrors, Supplier<StagingArea> staging) {
        this(dataSource, copy, sources, s3Endpoint, maxErrors, staging, null, 1);
    }

    /**
     * {@code compaction} null never compacts; {@code serverlessParts} is how many parts a compacted folder
     * becomes where STV_SLICES cannot be read.
     */
    RedshiftStager(DataSource dataSource, CopyCommands copy, Function<SourceLocation, ObjectSource> sources,
            Supplier<String> s3Endpoint, int maxErrors, Supplier<StagingArea> staging, Compaction compaction,
            int serverlessParts) {
        this.dataSource = dataSource;
        this.copy = copy;
        this.errorReader = new LoadErrorReader(dataSource, copy);
        this.sources = sources;
        this.s3Endpoint = s3Endpoint;
        this.maxErrors = maxErrors;
        this.staging = staging;
        this.compaction = compaction;
        this.serverlessParts = Math.max(1, serverlessParts);
    }

    /**
     * What one table's COPY reads; {@code errorBucket} is the bucket its load errors name files in, and
     * {@code compacted} (or null) maps an error in a part back to the original object and line.
     */
    private record Copied(CopyCommands.Source source, String errorBucket, Compaction.Compacted compacted) {
        LoadError original(LoadError error) {
            return compacted == null ? error : compacted.original(error);
        }

        /** A compacted folder all of whose records were left out: nothing for COPY to read. */
        boolean empty() {
            return compacted != null && compacted.parts() == 0;
        }
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
            Copied songSource = new Copied(CopyCommands.Source.prefix(songData), songData.bucket(), null);
            Copied logSource = new Copied(CopyCommands.Source.prefix(logData), logData.bucket(), null);
            if (area != null) {
                int left = area.clearLeftovers(runId);
                if (left > 0) {
                    LOG.infof("Deleted %d objects earlier runs left under %s", left, area.root());
                }
                boolean compactSongs = compaction != null && compaction.applies(songObjects);
                boolean compactLogs = compaction != null && compaction.applies(logObjects);
                int slices = compactSongs || compactLogs ? slices() : 0;
                songSource = compactSongs
                        ? compact(area, runId, "songData", Tables.STAGING_SONGS, songData, songObjects, slices, errors, listener)
                        : manifest(area, runId, Tables.STAGING_SONGS, songData, songObjects);
                logSource = compactLogs
                        ? compact(area, runId, "logData", Tables.STAGING_EVENTS, logData, logObjects, slices, errors, listener)
                        : manifest(area, runId, Tables.STAGING_EVENTS, logData, logObjects);
            }
            Copied songs = songSource;
            Copied logs = logSource;
            Transactions.inTransaction(dataSource, listener, (c, s) -> {
                int session = single(s, copy.backendPid()).intValue();
                s.executeUpdate(copy.clear(Tables.STAGING_SONGS));
                s.executeUpdate(copy.clear(Tables.STAGING_EVENTS));
                Session load = new Session(c, s, session, listener, errors);
                rows.put(Tables.STAGING_SONGS, load(load, Tables.STAGING_SONGS, songData, songObjects, songs,
                        allowed -> copy.copySongs(songs.source(), allowed)));
                rows.put(Tables.STAGING_EVENTS, load(load, Tables.STAGING_EVENTS, logData, logObjects, logs,
                        allowed -> copy.copyEvents(logs.source(), jsonPaths, allowed)));
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
            Copied copied, LongFunction<String> copySql) throws SQLException {
        Statement s = load.s();
        StagingListener listener = load.listener();
        LoadErrors errors = load.errors();
        WorkListener.Step step = listener.step("stage_" + table.substring("staging_".length()));
        if (objects.isEmpty()) {
            step.succeed(0L); // a selective load with nothing new of this kind: the table stays emptied
            return 0;
        }
        // A compacted folder's objects were counted done as they were read.
        List<SourceObject> notDone = copied.compacted() == null ? objects : List.of();
        if (copied.empty()) {
            return done(listener, step, table, notDone, 0);
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
            LoadErrorReader.Found found = errorReader.read(baseline, copied.errorBucket());
            if (found.total() > 0) {
                record(found, errors, copied);
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
        LoadErrorReader.Found found = errorReader.read(baseline, copied.errorBucket());
        if (!found.readable()) {
            throw new LoadFailure(table + ": the records COPY rejected could not be read from STL_LOAD_ERRORS or "
                    + "SYS_LOAD_ERROR_DETAIL, so sparkify.etl.max-errors cannot be enforced: the load is rolled back");
        }
        record(found, errors, copied);
        if (errors.exceeded()) {
            throw errors.tooMany(table);
        }
        return done(listener, step, table, notDone, rows);
    }

    private static long done(StagingListener listener, WorkListener.Step step, String table, List<SourceObject> objects,
            long rows) {
        for (SourceObject o : objects) {
            listener.objectDone(o.size());
        }
        listener.rowsStaged(table, rows);
        step.succeed(rows);
        listener.checkpoint();
        return rows;
    }

    /**
     * The cluster's slices from STV_SLICES; where it cannot be read (Serverless has no STV tables),
     * {@code sparkify.redshift.compaction-parts}. Asked on its own autocommit connection.
     */
    private int slices() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(copy.sliceCount())) {
            long n = rs.next() ? rs.getLong(1) : 0;
            return n > 0 ? (int) Math.min(n, Integer.MAX_VALUE) : serverlessParts;
        } catch (SQLException e) {
            if (!LoadErrorReader.absent(e)) {
                LOG.warnf("STV_SLICES could not be read, compacting into sparkify.redshift.compaction-parts=%d parts: %s",
                        serverlessParts, e.getMessage());
            }
            return serverlessParts;
        }
    }

    /**
     * Compacts a folder of small objects into gzip parts under the run's staging folder and writes their
     * manifest. Records the service cannot read are load errors counted against max-errors.
     */
    private Copied compact(StagingArea area, String runId, String field, String table, SourceLocation.S3 location,
            List<SourceObject> objects, int slices, LoadErrors errors, StagingListener listener) {
        long start = System.nanoTime();
        int parts = compaction.partCount(objects, slices);
        Compaction.Compacted compacted;
        try {
            compacted = compaction.compact(area, runId, table, location, sources.apply(location), objects, parts,
                    new Compaction.Events() {
                        @Override
                        public boolean bad(LoadError error) {
                            return errors.add(error);
                        }

                        @Override
                        public void checkCancelled() {
                            listener.checkCancelled();
                        }

                        @Override
                        public void objectRead(SourceObject object) {
                            // Progress as the service reads: compaction is most of such a run's time.
                            listener.objectDone(object.size());
                        }
                    });
        } catch (IOException | SdkException e) {
            throw new LoadFailure("compacting " + location + " (read at " + s3Endpoint.get() + ") into "
                    + area.root() + " failed: " + e.getMessage(), e);
        }
        if (compacted == null) {
            throw errors.tooMany(table);
        }
        long bytes = objects.stream().mapToLong(SourceObject::size).sum();
        listener.detail(field + "_compacted", String.format(Locale.ROOT,
                "%d objects (%d bytes) compacted into %d gzip parts (%d bytes, %d records, %d left out) in %d ms",
                objects.size(), bytes, compacted.parts(), compacted.bytes(), compacted.records(),
                compacted.badRecords(), (System.nanoTime() - start) / 1_000_000));
        return new Copied(CopyCommands.Source.gzipManifest(compacted.manifest()), area.root().bucket(), compacted);
    }

    /** Writes the manifest of {@code objects} for a table's COPY into the run's staging folder. */
    private static Copied manifest(StagingArea area, String runId, String table,
            SourceLocation.S3 source, List<SourceObject> objects) {
        try {
            return new Copied(CopyCommands.Source.manifest(area.put(runId, table + ".manifest",
                    CopyManifest.json(source.bucket(), objects), "application/json")), source.bucket(), null);
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

    private static void record(LoadErrorReader.Found found, LoadErrors errors, Copied copied) {
        LoadError last = null;
        for (LoadError listed : found.listed()) {
            LoadError error = copied.original(listed);
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
