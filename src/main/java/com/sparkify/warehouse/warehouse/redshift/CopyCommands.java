package com.sparkify.warehouse.warehouse.redshift;

import java.util.HashMap;
import java.util.Map;

import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;

/**
 * Renders the staging statements from their {@code sql/redshift/staging/*.sql} templates. Every value
 * placed in a template is a checked literal or a number; the role is an ARN, never a key.
 */
final class CopyCommands {

    /** COPY refuses a larger MAXERROR; start-up refuses a larger {@code sparkify.etl.max-errors}. */
    static final int MAX_MAXERROR = 100_000;

    private final SqlLibrary sql;
    private final String iamRole;
    private final String region;
    private final boolean truncateColumns;

    CopyCommands(SqlLibrary sql, String iamRole, String region, boolean truncateColumns) {
        this.sql = sql;
        this.iamRole = iamRole;
        this.region = region;
        this.truncateColumns = truncateColumns;
    }

    /** Empties a staging table inside the load's transaction (DELETE: TRUNCATE would commit). */
    String clear(String table) {
        return sql.render("transform/clear_table", Map.of("table", SqlLibrary.identifier(table)));
    }

    /**
     * COPY of the song files from {@code source}, a prefix, or with {@code manifest} a manifest object
     * listing them; {@code allowed} is how many more bad records the run may skip.
     */
    String copySongs(Source source, long allowed) {
        return sql.render("staging/copy_songs", common(Tables.STAGING_SONGS, source, allowed));
    }

    /** {@code jsonPaths} is the JSONPaths object itself: COPY wants one object, not a prefix. */
    String copyEvents(Source source, SourceLocation.S3 jsonPaths, long allowed) {
        Map<String, String> values = common(Tables.STAGING_EVENTS, source, allowed);
        values.put("jsonpaths", SqlLibrary.literal(jsonPaths.toString()));
        return sql.render("staging/copy_events", values);
    }

    /**
     * What COPY reads: every key under a prefix, exactly the objects a manifest lists, or (compacted)
     * the gzip parts a manifest lists.
     */
    record Source(SourceLocation.S3 location, boolean manifest, boolean gzip) {
        static Source prefix(SourceLocation.S3 location) {
            return new Source(location, false, false);
        }

        static Source manifest(SourceLocation.S3 manifest) {
            return new Source(manifest, true, false);
        }

        static Source gzipManifest(SourceLocation.S3 manifest) {
            return new Source(manifest, true, true);
        }
    }

    /** The cluster's slices (provisioned only: Serverless has no STV_SLICES). */
    String sliceCount() {
        return sql.get("staging/slice_count");
    }

    /**
     * COPY's MAXERROR for {@code allowed} more bad records: one more, so that COPY never fails before
     * the run's limit is passed whether it fails at MAXERROR errors or only above them; the service
     * counts the records COPY skipped and enforces the limit itself. Capped at COPY's maximum.
     */
    static long maxError(long allowed) {
        return Math.min(Math.max(0, allowed) + 1, MAX_MAXERROR);
    }

    String backendPid() {
        return sql.get("staging/backend_pid");
    }

    String copyBaseline() {
        return sql.get("staging/copy_baseline");
    }

    String lastCopy() {
        return sql.get("staging/last_copy");
    }

    String countRows(String table) {
        return sql.render("schema/count_rows", Map.of("table", SqlLibrary.identifier(table)));
    }

    /** The last load-error id of a session and table before a COPY. {@code stl} picks STL_LOAD_ERRORS. */
    String loadErrorsBaseline(boolean stl) {
        return sql.get(stl ? "staging/load_errors_stl_baseline" : "staging/load_errors_sys_baseline");
    }

    /** Load errors of the COPY after a baseline. {@code stl} picks STL_LOAD_ERRORS. */
    String loadErrors(boolean stl) {
        return sql.render(stl ? "staging/load_errors_stl" : "staging/load_errors_sys",
                Map.of("limit", String.valueOf(LoadError.MAX_LISTED)));
    }

    /** Throws {@link IllegalArgumentException} when a location cannot be written as a COPY literal. */
    static void checkLiteral(SourceLocation.S3 location) {
        SqlLibrary.literal(location.toString());
    }

    private Map<String, String> common(String table, Source source, long allowed) {
        Map<String, String> values = new HashMap<>();
        values.put("table", SqlLibrary.identifier(table));
        values.put("source", SqlLibrary.literal(source.location().toString()));
        values.put("manifest", (source.manifest() ? "\nMANIFEST" : "") + (source.gzip() ? " GZIP" : ""));
        values.put("iam_role", SqlLibrary.literal(iamRole));
        values.put("region", SqlLibrary.literal(region));
        values.put("truncate_columns", truncateColumns ? "TRUNCATECOLUMNS"
                : "-- no TRUNCATECOLUMNS: sparkify.etl.truncate-columns=false rejects values longer than their column");
        values.put("max_errors", String.valueOf(maxError(allowed)));
        return values;
    }
}
