package com.sparkify.warehouse.warehouse.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Start-up validation of the Redshift engine's settings: every problem named with its env var, and
 * never a password in the message.
 */
class RedshiftConfigCheckTest {

    private static final Optional<String> URL = Optional.of(RedshiftFixtures.URL);
    private static final Optional<String> USER = Optional.of("awsuser");
    private static final Optional<String> PASSWORD = Optional.of("Sup3rSecret");
    private static final Optional<String> ROLE = Optional.of(RedshiftFixtures.ROLE);

    @Test
    void shouldAcceptCompleteSettings() {
        assertThat(RedshiftConfigCheck.problems(URL, USER, PASSWORD, ROLE, "us-west-2")).isEmpty();
        assertThat(RedshiftConfigCheck.problems(URL, USER, PASSWORD,
                Optional.of("arn:aws-cn:iam::123456789012:role/service-role/dwh.Role"), "cn-north-1")).isEmpty();
    }

    @Test
    void shouldNameEveryMissingSettingWithItsEnvironmentVariable() {
        List<String> problems = RedshiftConfigCheck.problems(Optional.empty(), Optional.of(" "), Optional.empty(),
                Optional.empty(), "us-west-2");

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("SPARKIFY_REDSHIFT_URL (quarkus.datasource.redshift.jdbc.url) is not set");
        assertThat(problems.get(1)).isEqualTo("SPARKIFY_REDSHIFT_USER (quarkus.datasource.redshift.username) is not set");
        assertThat(problems.get(2)).isEqualTo(
                "SPARKIFY_REDSHIFT_PASSWORD (quarkus.datasource.redshift.password) is not set");
        assertThat(problems.get(3)).startsWith("sparkify.redshift.iam-role (SPARKIFY_REDSHIFT_IAM_ROLE) is not set");
    }

    @Test
    void shouldRejectMalformedRoleRegionAndUrl() {
        List<String> problems = RedshiftConfigCheck.problems(
                Optional.of("jdbc:postgresql://host:5439/dev?password=Sup3rSecret"), USER, PASSWORD,
                Optional.of("arn:aws:iam::1234:user/etl"), "Oregon");

        assertThat(problems).containsExactly(
                "SPARKIFY_REDSHIFT_URL must start with jdbc:redshift:, not jdbc:postgresql://host:5439/dev",
                "sparkify.redshift.iam-role 'arn:aws:iam::1234:user/etl' is not an IAM role ARN "
                        + "(arn:aws:iam::<12-digit account>:role/<name>)",
                "sparkify.redshift.region 'Oregon' is not an AWS region such as us-west-2");
        assertThat(String.join(" ", problems)).doesNotContain("Sup3rSecret");
    }

    @Test
    void shouldNotAskForUserOrPasswordWithIamAuthentication() {
        assertThat(RedshiftConfigCheck.problems(Optional.of("jdbc:redshift:iam://sparkify-dwh:5439/sparkify"),
                Optional.empty(), Optional.empty(), ROLE, "us-west-2")).isEmpty();
    }

    @Test
    void shouldHoldMaxErrorsToCopysLimitNamingTheSetting() {
        assertThat(RedshiftConfigCheck.maxErrorsProblem(0)).isNull();
        assertThat(RedshiftConfigCheck.maxErrorsProblem(100_000)).isNull();
        assertThat(RedshiftConfigCheck.maxErrorsProblem(100_001)).isEqualTo("sparkify.etl.max-errors "
                + "(SPARKIFY_ETL_MAX_ERRORS) is 100001, but must be between 0 and 100000, the most bad records "
                + "Redshift's COPY can be told to skip");
        assertThat(RedshiftConfigCheck.maxErrorsProblem(-1)).startsWith("sparkify.etl.max-errors (SPARKIFY_ETL_MAX_ERRORS) is -1");
    }

    @Test
    void shouldTakeTheStagingPrefixAsAnS3Folder() {
        assertThat(RedshiftWarehouse.stagingRoot(Optional.empty())).isNull();
        assertThat(RedshiftWarehouse.stagingRoot(Optional.of(" "))).isNull();
        assertThat(RedshiftWarehouse.stagingRoot(Optional.of("s3://sparkify-staging/runs")))
                .hasToString("s3://sparkify-staging/runs/");
        assertThat(RedshiftWarehouse.stagingRoot(Optional.of("s3://sparkify-staging/")))
                .hasToString("s3://sparkify-staging/");
        assertThatThrownBy(() -> RedshiftWarehouse.stagingRoot(Optional.of("/tmp/staging")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sparkify.redshift.staging-prefix '/tmp/staging' is not an s3://bucket/prefix/");
        assertThatThrownBy(() -> RedshiftWarehouse.stagingRoot(Optional.of("s3://Bad_Bucket/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sparkify.redshift.staging-prefix");
    }

    @Test
    void shouldRefuseNegativeCompactBelowAndFewerThanOnePartNamingTheSettings() {
        assertThat(RedshiftConfigCheck.compactionProblems(0, 1)).isEmpty();
        assertThat(RedshiftConfigCheck.compactionProblems(1_048_576, 16)).isEmpty();
        assertThat(RedshiftConfigCheck.compactionProblems(-1, 0)).containsExactly(
                "sparkify.redshift.compact-below (SPARKIFY_REDSHIFT_COMPACT_BELOW) is -1, but must be 0 (never compact) "
                        + "or more bytes",
                "sparkify.redshift.compaction-parts (SPARKIFY_REDSHIFT_COMPACTION_PARTS) is 0, but must be 1 or more");
    }
}
