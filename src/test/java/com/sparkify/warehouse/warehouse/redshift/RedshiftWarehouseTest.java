package com.sparkify.warehouse.warehouse.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sparkify.warehouse.config.TestEtlSettings;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.support.ScriptedJdbc;

import org.junit.jupiter.api.Test;

/**
 * The Redshift warehouse as the rest of the service sees it: engine name, SQL overrides, and a
 * location that never shows credentials.
 */
class RedshiftWarehouseTest {

    private static RedshiftWarehouse warehouse(String url, String role) {
        return new RedshiftWarehouse(new ScriptedJdbc().dataSource(), url, RedshiftFixtures.settings(role, "us-west-2"),
                TestEtlSettings.defaults(), new SourceService(null, null));
    }

    @Test
    void shouldUseRedshiftOverridesOfTheSqlLibrary() {
        RedshiftWarehouse warehouse = warehouse(RedshiftFixtures.URL, RedshiftFixtures.ROLE);

        assertThat(warehouse.engine()).isEqualTo("redshift");
        assertThat(warehouse.sql().hasOverride("staging/copy_events")).isTrue();
        assertThat(warehouse.sql().get("schema/create_songplays")).contains("DISTKEY (start_time)")
                .doesNotContain("IDENTITY(");
        // songplay_id is numbered the same way on both engines: no Redshift override of the transform.
        assertThat(warehouse.sql().hasOverride("transform/insert_songplays")).isFalse();
    }

    @Test
    void shouldShowTheUrlWithoutUserOrPassword() {
        assertThat(warehouse(RedshiftFixtures.URL + "?ssl=true&user=awsuser&password=Secr3t!x", RedshiftFixtures.ROLE)
                .location()).isEqualTo(RedshiftFixtures.URL + "?ssl=true");
        assertThat(RedshiftWarehouse.withoutCredentials(
                "jdbc:redshift://host:5439/dev;UID=awsuser;PWD=Secr3t!x;ssl=true")).isEqualTo(
                        "jdbc:redshift://host:5439/dev?ssl=true");
        assertThat(RedshiftWarehouse.withoutCredentials(
                "jdbc:redshift:iam://host:5439/dev?AccessKeyID=AKIAEXAMPLE&SecretAccessKey=abc&SessionToken=t&"
                        + "DbUser=etl")).isEqualTo("jdbc:redshift:iam://host:5439/dev?DbUser=etl");
        assertThat(RedshiftWarehouse.withoutCredentials("jdbc:redshift://awsuser:Secr3t@host:5439/dev"))
                .isEqualTo("jdbc:redshift://host:5439/dev");
        assertThat(RedshiftWarehouse.withoutCredentials(RedshiftFixtures.URL)).isEqualTo(RedshiftFixtures.URL);
    }

    @Test
    void shouldFailTheRunClearlyWithoutAnIamRole() {
        RedshiftWarehouse warehouse = warehouse(RedshiftFixtures.URL, null);

        assertThatThrownBy(() -> warehouse.stage(RedshiftFixtures.UDACITY, Job.detached(JobType.ETL_RUN)))
                .isInstanceOf(LoadFailure.class).hasMessageContaining("sparkify.redshift.iam-role is not set");
    }
}
