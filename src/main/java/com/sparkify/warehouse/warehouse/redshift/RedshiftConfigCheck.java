package com.sparkify.warehouse.warehouse.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.sparkify.warehouse.config.SparkifyConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fails start-up with one message listing every missing or malformed Redshift setting, but only when
 * {@code sparkify.warehouse.engine=redshift}: the embedded default needs none of them.
 */
@ApplicationScoped
public class RedshiftConfigCheck {

    static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private final SparkifyConfig config;
    private final RedshiftSettings settings;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;

    public RedshiftConfigCheck(SparkifyConfig config, RedshiftSettings settings,
            @ConfigProperty(name = "quarkus.datasource.redshift.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.redshift.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.redshift.password") Optional<String> password) {
        this.config = config;
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Runs before the other start-up observers, which may already open a warehouse connection. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        String maxErrors = maxErrorsProblem(config.etl().maxErrors());
        if (maxErrors != null) {
            throw new ConfigurationException(maxErrors);
        }
        if (!"redshift".equals(config.warehouse().engine().trim())) {
            return;
        }
        List<String> problems = problems(url, user, password, settings.iamRole(), settings.region());
        try {
            RedshiftWarehouse.stagingRoot(settings.stagingPrefix());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        problems.addAll(compactionProblems(settings.compactBelow(), settings.compactionParts()));
        if (!problems.isEmpty()) {
            throw new ConfigurationException("sparkify.warehouse.engine=redshift, but the Redshift engine is not "
                    + "configured: " + String.join("; ", problems));
        }
    }

    /** What is wrong with the compaction settings, each naming its setting and environment variable. */
    static List<String> compactionProblems(long compactBelow, int compactionParts) {
        List<String> problems = new ArrayList<>();
        if (compactBelow < 0) {
            problems.add("sparkify.redshift.compact-below (SPARKIFY_REDSHIFT_COMPACT_BELOW) is " + compactBelow
                    + ", but must be 0 (never compact) or more bytes");
        }
        if (compactionParts < 1) {
            problems.add("sparkify.redshift.compaction-parts (SPARKIFY_REDSHIFT_COMPACTION_PARTS) is "
                    + compactionParts + ", but must be 1 or more");
        }
        return problems;
    }

    /**
     * {@code sparkify.etl.max-errors} means the same on both engines, so it is held to COPY's limit on
     * both: a larger MAXERROR is refused by COPY. Null when the value is usable.
     */
    static String maxErrorsProblem(int maxErrors) {
        if (maxErrors < 0 || maxErrors > CopyCommands.MAX_MAXERROR) {
            return "sparkify.etl.max-errors (SPARKIFY_ETL_MAX_ERRORS) is " + maxErrors + ", but must be between 0 and "
                    + CopyCommands.MAX_MAXERROR + ", the most bad records Redshift's COPY can be told to skip";
        }
        return null;
    }

    /** What is wrong with the settings, as sentences naming the setting and its env var; never a secret. */
    static List<String> problems(Optional<String> url, Optional<String> user, Optional<String> password,
            Optional<String> iamRole, String region) {
        List<String> problems = new ArrayList<>();
        String jdbcUrl = url.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (jdbcUrl == null) {
            problems.add("SPARKIFY_REDSHIFT_URL (quarkus.datasource.redshift.jdbc.url) is not set, e.g. "
                    + "jdbc:redshift://sparkify-dwh.abc123.us-west-2.redshift.amazonaws.com:5439/sparkify");
        } else if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:redshift:")) {
            problems.add("SPARKIFY_REDSHIFT_URL must start with jdbc:redshift:, not "
                    + RedshiftWarehouse.withoutCredentials(jdbcUrl));
        }
        // IAM authentication (jdbc:redshift:iam://) takes temporary credentials instead of a password.
        boolean iamAuth = jdbcUrl != null && jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:redshift:iam:");
        if (!iamAuth && user.filter(s -> !s.isBlank()).isEmpty()) {
            problems.add("SPARKIFY_REDSHIFT_USER (quarkus.datasource.redshift.username) is not set");
        }
        if (!iamAuth && password.filter(s -> !s.isBlank()).isEmpty()) {
            problems.add("SPARKIFY_REDSHIFT_PASSWORD (quarkus.datasource.redshift.password) is not set");
        }
        String role = iamRole.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (role == null) {
            problems.add("sparkify.redshift.iam-role (SPARKIFY_REDSHIFT_IAM_ROLE) is not set: COPY reads S3 with "
                    + "this role, e.g. arn:aws:iam::123456789012:role/sparkify-redshift-s3-read "
                    + "(POST /infra/cluster reports it)");
        } else if (!ROLE_ARN.matcher(role).matches()) {
            problems.add("sparkify.redshift.iam-role '" + role + "' is not an IAM role ARN "
                    + "(arn:aws:iam::<12-digit account>:role/<name>)");
        }
        if (region == null || !REGION.matcher(region.trim()).matches()) {
            problems.add("sparkify.redshift.region '" + region + "' is not an AWS region such as us-west-2");
        }
        return problems;
    }
}
