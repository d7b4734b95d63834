package com.sparkify.warehouse.warehouse.redshift;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.SqlLibrary;
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

    public RedshiftWarehouse(DataSource dataSource, String jdbcUrl, RedshiftSettings settings,
            SparkifyConfig.Etl etl, SourceService sources) {
        this.dataSource = dataSource;
        this.location = jdbcUrl == null || jdbcUrl.isBlank() ? "redshift (no URL configured)"
                : withoutCredentials(jdbcUrl);
        String role = settings.iamRole().map(String::trim).orElse("");
        CopyCommands copy = new CopyCommands(sql, role, settings.region().trim(), etl.truncateColumns());
        this.stager = role.isEmpty() ? null
                : new RedshiftStager(dataSource, copy, sources::open, sources::s3Endpoint,
                        etl.maxErrors());
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
