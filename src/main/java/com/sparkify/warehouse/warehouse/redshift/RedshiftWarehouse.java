package com.sparkify.warehouse.warehouse.redshift;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.InvalidSourceException;
import com.sparkify.warehouse.source.ObjectFeed;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Warehouse;

/**
 * Amazon Redshift (provisioned or Serverless): staging with COPY from S3 so the data never passes
 * through the service; schema, transform and checks are the shared SQL with {@code sql/redshift/}
 * overrides.
 */
public final class RedshiftWarehouse implements Warehouse {

    /** URL parameters that carry credentials, in lower case; anything named like a secret goes too. */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("user", "uid", "password", "pwd",
            "accesskeyid", "secretaccesskey", "sessiontoken", "iamsecretaccesskey");

    private final DataSource dataSource;
    private final SqlLibrary sql = new SqlLibrary("redshift");
    private final String location;
    private final RedshiftStager stager;
    private final boolean vacuumAfterRun;

    public RedshiftWarehouse(DataSource dataSource, String jdbcUrl, RedshiftSettings settings,
            SparkifyConfig.Etl etl, SourceService sources) {
        this.dataSource = dataSource;
        this.location = jdbcUrl == null || jdbcUrl.isBlank() ? "redshift (no URL configured)"
                : withoutCredentials(jdbcUrl);
        String role = settings.iamRole().map(String::trim).orElse("");
        CopyCommands copy = new CopyCommands(sql, role, settings.region().trim(), etl.truncateColumns());
        SourceLocation.S3 stagingRoot = stagingRoot(settings.stagingPrefix());
        Supplier<StagingArea> staging = stagingRoot == null ? () -> null
                : () -> new StagingArea(sources.s3(), stagingRoot);
        // Compaction writes into the staging area, so it needs one.
        Compaction compaction = stagingRoot == null ? null
                : new Compaction(settings.compactBelow(), Compaction.MAX_PART_BYTES, etl.maxRecordBytes(),
                        (location, source, objects) -> sources.readAhead(location, source, ObjectFeed.of(objects)));
        this.stager = role.isEmpty() ? null
                : new RedshiftStager(dataSource, copy, sources::open, sources::s3Endpoint,
                        etl.maxErrors(), staging, compaction, settings.compactionParts());
        this.vacuumAfterRun = settings.vacuumAfterRun();
        this.incremental = stagingRoot != null;
    }

    /** Whether a staging prefix is set, where an incremental run writes the manifest of the new objects. */
    private final boolean incremental;

    /**
     * COPY of a prefix loads every key under it, and a COPY of one key is still a prefix match: only a
     * manifest names exactly the new objects, and manifests need the staging prefix.
     */
    @Override
    public Optional<String> incrementalUnavailable() {
        return incremental ? Optional.empty()
                : Optional.of("is \"incremental\", which on Redshift needs sparkify.redshift.staging-prefix "
                        + "(environment variable SPARKIFY_REDSHIFT_STAGING_PREFIX) set to an s3://bucket/prefix/ the "
                        + "service may write, so COPY reads a manifest of exactly the new objects: set it and restart, "
                        + "or run with \"mode\": \"full\"");
    }

    /** The staging folder as {@code s3://bucket/prefix/}, or null when none is set. */
    static SourceLocation.S3 stagingRoot(Optional<String> prefix) {
        String value = prefix.map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        if (value == null) {
            return null;
        }
        SourceLocation location;
        try {
            location = EtlSources.folder(SourceLocation.parse("sparkify.redshift.staging-prefix", value));
        } catch (InvalidSourceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!(location instanceof SourceLocation.S3 s3)) {
            throw new IllegalArgumentException("sparkify.redshift.staging-prefix '" + value
                    + "' is not an s3://bucket/prefix/ location");
        }
        return s3;
    }

    /**
     * VACUUM DELETE ONLY and ANALYZE every table the run replaced, each on its own in autocommit: the
     * run's DELETEs left their rows marked, not reclaimed. A failure is reported, never thrown.
     */
    @Override
    public String afterCommittedRun() {
        if (!vacuumAfterRun) {
            return null;
        }
        long start = System.nanoTime();
        List<String> failed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String table : Tables.ALL) {
                Map<String, String> values = Map.of("table", SqlLibrary.identifier(table));
                try {
                    s.execute(sql.render("maintenance/vacuum_delete_only", values));
                    s.execute(sql.render("maintenance/analyze", values));
                } catch (SQLException e) {
                    failed.add(table + " (" + RedshiftStager.describe(e) + ")");
                }
            }
        } catch (SQLException e) {
            return "VACUUM DELETE ONLY and ANALYZE not run: " + RedshiftStager.describe(e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return failed.isEmpty()
                ? "VACUUM DELETE ONLY and ANALYZE of " + Tables.ALL.size() + " tables done in " + ms + " ms"
                : "VACUUM DELETE ONLY and ANALYZE failed for " + String.join("; ", failed) + " (the others done in "
                        + ms + " ms)";
    }

    @Override
    public String engine() {
        return "redshift";
    }

    @Override
    public SqlLibrary sql() {
        return sql;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StagingReport stage(EtlSources sources, StagingListener listener) throws SQLException {
        if (stager == null) {
            throw new LoadFailure("sparkify.redshift.iam-role is not set: COPY needs an IAM role to read S3");
        }
        return stager.stage(sources, listener);
    }

    /**
     * The JDBC URL without user, password, keys or tokens, for health checks and messages. Redshift's
     * driver takes parameters after {@code ?} or {@code ;}, separated by {@code &} or {@code ;}.
     */
    public static String withoutCredentials(String jdbcUrl) {
        String url = jdbcUrl.strip();
        int hostStart = url.indexOf("//");
        int at = hostStart < 0 ? -1 : url.indexOf('@', hostStart);
        int firstSlash = hostStart < 0 ? -1 : url.indexOf('/', hostStart + 2);
        if (at > 0 && (firstSlash < 0 || at < firstSlash)) {
            url = url.substring(0, hostStart + 2) + url.substring(at + 1);
        }
        int start = hostStart < 0 ? 0 : hostStart + 2;
        int q = indexOfAny(url, start, '?', ';');
        if (q < 0) {
            return url;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : url.substring(q + 1).split("[&;]")) {
            String name = parameter.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !CREDENTIAL_PARAMETERS.contains(name) && !name.contains("password")
                    && !name.contains("secret") && !name.contains("token")) {
                kept.add(parameter);
            }
        }
        return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    private static int indexOfAny(String s, int from, char a, char b) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
