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

    /** COPY refuses a larger MAXERROR. */
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

    String copySongs(SourceLocation.S3 source, long maxErrors) {
        return sql.render("staging/copy_songs", common(Tables.STAGING_SONGS, source, maxErrors));
    }

    /** {@code jsonPaths} is the JSONPaths object itself: COPY wants one object, not a prefix. */
    String copyEvents(SourceLocation.S3 source, SourceLocation.S3 jsonPaths, long maxErrors) {
        Map<String, String> values = common(Tables.STAGING_EVENTS, source, maxErrors);
        values.put("jsonpaths", SqlLibrary.literal(jsonPaths.toString()));
        return sql.render("staging/copy_events", values);
    }

    String lastCopy() {
        return sql.get("staging/last_copy");
    }

    /** Load errors of one COPY; bind its query id. {@code provisioned} picks STL_LOAD_ERRORS. */
    String loadErrors(boolean provisioned) {
        return sql.render(provisioned ? "staging/load_errors_stl" : "staging/load_errors_sys",
                Map.of("limit", String.valueOf(LoadError.MAX_LISTED)));
    }

    /** Throws {@link IllegalArgumentException} when a location cannot be written as a COPY literal. */
    static void checkLiteral(SourceLocation.S3 location) {
        SqlLibrary.literal(location.toString());
    }

    private Map<String, String> common(String table, SourceLocation.S3 source, long maxErrors) {
        Map<String, String> values = new HashMap<>();
        values.put("table", SqlLibrary.identifier(table));
        values.put("source", SqlLibrary.literal(source.toString()));
        values.put("iam_role", SqlLibrary.literal(iamRole));
        values.put("region", SqlLibrary.literal(region));
        values.put("truncate_columns", truncateColumns ? "TRUNCATECOLUMNS"
                : "-- no TRUNCATECOLUMNS: sparkify.etl.truncate-columns=false rejects values longer than their column");
        values.put("max_errors", String.valueOf(Math.max(0, Math.min(maxErrors, MAX_MAXERROR))));
        return values;
    }
}
