package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.LoadErrors;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.Transactions;
import com.sparkify.warehouse.warehouse.WorkListener;

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
    private final LoadErrorReader errorReader;
    private final Function<SourceLocation, ObjectSource> sources;
    private final Supplier<String> s3Endpoint;
    private final int maxErrors;

    RedshiftStager(DataSource dataSource, CopyCommands copy, Function<SourceLocation, ObjectSource> sources,
            Supplier<String> s3Endpoint, int maxErrors) {
        this.dataSource = dataSource;
        this.copy = copy;
        this.errorReader = new LoadErrorReader(dataSource, copy);
        this.sources = sources;
        this.s3Endpoint = s3Endpoint;
        this.maxErrors = maxErrors;
    }

    StagingReport stage(EtlSources locations, StagingListener listener) throws SQLException {
        WorkListener.Step listing = listener.step("list_sources");
        SourceLocation.S3 songData = s3("songData", locations.songData());
        SourceLocation.S3 logData = s3("logData", locations.logData());
        SourceLocation.S3 jsonPathsPrefix = s3("logJsonPaths", locations.logJsonPaths());
        List<SourceObject> songObjects = list(songData);
        List<SourceObject> logObjects = list(logData);
        SourceLocation.S3 jsonPaths = jsonPathsFile(jsonPathsPrefix);
        listener.listed(songObjects);
        listener.listed(logObjects);
        listing.succeed((long) (songObjects.size() + logObjects.size()));
        listener.checkpoint();

        LoadErrors errors = new LoadErrors(listener, maxErrors);
        Map<String, Long> rows = new LinkedHashMap<>();
        Transactions.inTransaction(dataSource, listener, (c, s) -> {
            s.executeUpdate(copy.clear(Tables.STAGING_SONGS));
            s.executeUpdate(copy.clear(Tables.STAGING_EVENTS));
            Session session = new Session(c, s, listener, errors);
            Copied songs = load(session, new TableCopy(Tables.STAGING_SONGS, songData, songObjects,
                    copy.copySongs(songData, errors.allowed())), -1);
            rows.put(Tables.STAGING_SONGS, songs.rows());
            Copied events = load(session, new TableCopy(Tables.STAGING_EVENTS, logData, logObjects,
                    copy.copyEvents(logData, jsonPaths, errors.allowed())), songs.queryId());
            rows.put(Tables.STAGING_EVENTS, events.rows());
        });
        return new StagingReport(rows, songObjects.size() + logObjects.size(), errors.count());
    }

    /** The load's transaction, on one connection, and where it reports to. */
    private record Session(Connection c, Statement s, StagingListener listener, LoadErrors errors) {
    }

    /** One table's COPY: the table, where it reads from, the objects listed there, and the statement. */
    private record TableCopy(String table, SourceLocation.S3 location, List<SourceObject> objects, String sql) {
    }

    /** A COPY's query id and the rows it loaded. */
    private record Copied(long queryId, long rows) {
    }

    /** Runs one COPY inside the load's transaction; {@code previousCopy} is the query id of the one before. */
    private Copied load(Session session, TableCopy load, long previousCopy) throws SQLException {
        Statement s = session.s();
        StagingListener listener = session.listener();
        LoadErrors errors = session.errors();
        String table = load.table();
        WorkListener.Step step = listener.step("stage_" + table.substring("staging_".length()));
        long allowed = errors.allowed();
        try {
            s.execute(load.sql());
        } catch (SQLException e) {
            if (listener.isCancelRequested()) {
                throw new LoadCancelledException();
            }
            // The failed COPY aborted the transaction: roll back before asking the session anything.
            Transactions.rollback(session.c());
            long queryId = failedCopyId(s, e, previousCopy);
            LoadErrorReader.Found found = queryId > 0 ? errorReader.read(queryId, table, load.location().bucket())
                    : LoadErrorReader.Found.NONE;
            if (found.total() > 0) {
                record(found, errors);
                LoadFailure failure = errors.tooMany(table);
                failure.initCause(e);
                throw failure;
            }
            throw new LoadFailure(table + ": COPY from " + load.location() + " failed: " + describe(e), e);
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
            record(errorReader.read(queryId, table, load.location().bucket()), errors);
            if (errors.exceeded()) {
                throw errors.tooMany(table);
            }
        }
        for (SourceObject o : load.objects()) {
            listener.objectDone(o.size());
        }
        listener.rowsStaged(table, rows);
        step.succeed(rows);
        listener.checkpoint();
        return new Copied(queryId, rows);
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

    private static void record(LoadErrorReader.Found found, LoadErrors errors) {
        LoadError last = null;
        for (LoadError error : found.listed()) {
            errors.add(error);
            last = error;
        }
        // Beyond the listed rows a run only counts, so the same entry stands in for the rest.
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
    private List<SourceObject> list(SourceLocation.S3 location) {
        List<SourceObject> objects;
        try {
            objects = sources.apply(location).list();
        } catch (IOException | SdkException e) {
            throw new LoadFailure("cannot list " + location + " at " + s3Endpoint.get() + ": " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new LoadFailure("no .json objects under " + location + " at " + s3Endpoint.get());
        }
        return objects;
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
