package com.sparkify.warehouse.warehouse.redshift;

import static com.sparkify.warehouse.support.ScriptedJdbc.fail;
import static com.sparkify.warehouse.support.ScriptedJdbc.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.sparkify.warehouse.config.TestEtlSettings;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.support.ScriptedJdbc;
import com.sparkify.warehouse.warehouse.Ledger;
import com.sparkify.warehouse.warehouse.SchemaService;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.TransformService;

import org.junit.jupiter.api.Test;

/**
 * Every statement the Redshift engine sends, in the order it sends them, against hand-written golden
 * files in {@code src/test/resources/golden/redshift/}: reset DDL, job history, staging COPYs with
 * their load-error queries, transform and checks. A change to any of them must change a golden file.
 */
class RedshiftSqlGoldenTest {

    private final ScriptedJdbc jdbc = new ScriptedJdbc();

    private RedshiftWarehouse warehouse() {
        return new RedshiftWarehouse(jdbc.dataSource(), RedshiftFixtures.URL,
                RedshiftFixtures.settings(RedshiftFixtures.ROLE, "us-west-2"), TestEtlSettings.defaults(),
                new SourceService(null, null));
    }

    @Test
    void shouldSendSchemaResetAsGolden() throws Exception {
        List<Object[]> columns = new ArrayList<>();
        for (String table : Tables.ALL) {
            columns.add(new Object[] { table, "id", "integer" });
        }
        jdbc.on("information_schema.columns", rows(columns.toArray(Object[][]::new)))
                .on("COUNT(*)", rows(Tables.ALL.stream().map(t -> new Object[] { t, 0L }).toArray(Object[][]::new)));

        new SchemaService(warehouse()).reset(Job.detached(JobType.SCHEMA_RESET));

        String script = RedshiftFixtures.script(jdbc.statements());
        if (Boolean.getBoolean("golden.write")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/redshift/schema_reset.sql"), script);
        }
        assertThat(script).isEqualTo(RedshiftFixtures.golden("schema_reset"));
    }

    @Test
    void shouldSendTransformAndChecksAsGolden() throws Exception {
        // The checks run as one statement, a column per check: every check passes with 0 violations.
        Object[] passing = new Object[18];
        java.util.Arrays.fill(passing, 0L);
        jdbc.on("SELECT", rows(passing));

        new TransformService(warehouse()).transform(Job.detached(JobType.ETL_RUN));

        String script = RedshiftFixtures.script(jdbc.statements());
        if (Boolean.getBoolean("golden.write")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/redshift/transform.sql"), script);
        }
        assertThat(script).isEqualTo(RedshiftFixtures.golden("transform"));
    }

    @Test
    void shouldSendTheFullRunsLedgerRebuildAsGolden() throws Exception {
        Object[] passing = new Object[18];
        java.util.Arrays.fill(passing, 0L);
        jdbc.on("SELECT", rows(passing));

        new TransformService(warehouse()).transform(Job.detached(JobType.ETL_RUN), "run-2", List.of(
                new Ledger.Entry("s3://udacity-dend/log_data/", Tables.STAGING_EVENTS,
                        "log_data/2018/11/2018-11-01-events.json", 7151L, "\"9b2cf535f27731c974343645a3985328\"",
                        null, "run-2", java.time.Instant.parse("2026-12-03T19:00:00Z"))));

        String script = RedshiftFixtures.script(jdbc.statements());
        if (Boolean.getBoolean("golden.write")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/redshift/transform_full_ledger.sql"), script);
        }
        assertThat(script).isEqualTo(RedshiftFixtures.golden("transform_full_ledger"));
    }

    /** A song this run loads was loaded before: the plays holding its song_id are matched again too. */
    @Test
    void shouldSendTheIncrementalMergeAsGolden() throws Exception {
        Object[] passing = new Object[18];
        java.util.Arrays.fill(passing, 0L);
        jdbc.on("DELETE FROM songs\nWHERE song_id IN (SELECT song_id FROM staging_songs)", (sql, parameters) -> 1)
                .on("SELECT", rows(passing));

        new TransformService(warehouse()).merge(Job.detached(JobType.ETL_RUN), "run-3",
                List.of(new TransformService.Replaced(Tables.STAGING_EVENTS, "run-2"),
                        new TransformService.Replaced(Tables.STAGING_SONGS, "run-1")), List.of(
                        new Ledger.Entry("s3://udacity-dend/log_data/", Tables.STAGING_EVENTS,
                                "log_data/2018/11/2018-11-01-events.json", 7400L, "\"5d41402abc4b2a76b9719d911017c592\"",
                                null, "run-3", java.time.Instant.parse("2026-12-04T19:00:00Z"))));

        String script = RedshiftFixtures.script(jdbc.statements());
        if (Boolean.getBoolean("golden.write")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/redshift/merge.sql"), script);
        }
        assertThat(script).isEqualTo(RedshiftFixtures.golden("merge"));
        assertThat(script).contains("WHERE song_id IN (SELECT song_id FROM staging_songs)) o");
    }

    /**
     * Nothing loaded again: the statements that make replaced rows give way (merge_replaced is neither
     * filled nor read), the sweep of time rows they leave alone and the re-match of plays whose song is gone
     * are not sent; no song this run loads was loaded before (nothing deleted from songs), so neither is the
     * re-match of plays holding a staged song_id.
     */
    @Test
    void shouldSendTheIncrementalMergeWithNothingReplacedAsGolden() throws Exception {
        Object[] passing = new Object[18];
        java.util.Arrays.fill(passing, 0L);
        jdbc.on("SELECT", rows(passing));

        new TransformService(warehouse()).merge(Job.detached(JobType.ETL_RUN), "run-3", List.of(), List.of(
                new Ledger.Entry("s3://udacity-dend/log_data/", Tables.STAGING_EVENTS,
                        "log_data/2018/11/2018-11-02-events.json", 7400L, "\"5d41402abc4b2a76b9719d911017c592\"",
                        null, "run-3", java.time.Instant.parse("2026-12-04T19:00:00Z"))));

        String script = RedshiftFixtures.script(jdbc.statements());
        if (Boolean.getBoolean("golden.write")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/golden/redshift/merge_nothing_replaced.sql"), script);
        }
        assertThat(script).isEqualTo(RedshiftFixtures.golden("merge_nothing_replaced"));
        assertThat(script).contains("DELETE FROM songs", "DELETE FROM artists", "DELETE FROM users", "UPDATE songplays")
                .doesNotContain("DELETE FROM songplays", "DELETE FROM loaded_events", "DELETE FROM loaded_songs",
                        "DELETE FROM load_ledger", "DELETE FROM time", "merge_replaced", "o.song_id NOT IN",
                        "FROM staging_songs)) o");
    }

    @Test
    void shouldRefuseIncrementalRunsWithoutAStagingPrefixNamingIt() {
        assertThat(warehouse().incrementalUnavailable()).hasValueSatisfying(why -> assertThat(why)
                .contains("sparkify.redshift.staging-prefix", "SPARKIFY_REDSHIFT_STAGING_PREFIX", "manifest"));
    }

    @Test
    void shouldVacuumAndAnalyzeEveryReplacedTableAfterACommittedRunAsGolden() {
        String outcome = warehouse().afterCommittedRun();

        assertThat(RedshiftFixtures.script(jdbc.statements())).isEqualTo(RedshiftFixtures.golden("maintenance"));
        // Outside any transaction: autocommit stays on, nothing is committed or rolled back by hand.
        assertThat(jdbc.events()).contains("1:setAutoCommit(true)").doesNotContain("1:setAutoCommit(false)",
                "1:commit", "1:rollback");
        assertThat(outcome).startsWith("VACUUM DELETE ONLY and ANALYZE of 7 tables done in ").endsWith(" ms");
    }

    @Test
    void shouldReportAFailedVacuumAndStillMaintainTheOtherTables() {
        jdbc.on("VACUUM DELETE ONLY songs", fail("ERROR: VACUUM is running on another table"));

        String outcome = warehouse().afterCommittedRun();

        assertThat(outcome).startsWith("VACUUM DELETE ONLY and ANALYZE failed for songs (ERROR: VACUUM is running "
                + "on another table) (the others done in ");
        assertThat(jdbc.statements()).filteredOn(s -> s.contains("\nANALYZE ")).hasSize(6);
    }

    @Test
    void shouldNotVacuumWhenSwitchedOff() {
        RedshiftWarehouse off = new RedshiftWarehouse(jdbc.dataSource(), RedshiftFixtures.URL,
                RedshiftFixtures.settings(RedshiftFixtures.ROLE, "us-west-2", false), TestEtlSettings.defaults(),
                new SourceService(null, null));

        assertThat(off.afterCommittedRun()).isNull();
        assertThat(jdbc.statements()).isEmpty();
    }

    @Test
    void shouldStageWithDefaultSettingsAsGolden() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { -1L }), rows(new Object[] { 1001L, 2L }),
                rows(new Object[] { 1001L }), rows(new Object[] { 1002L, 8056L }));

        RedshiftFixtures.stager(jdbc, "us-west-2", 0, true, RedshiftFixtures.udacityListing())
                .stage(RedshiftFixtures.UDACITY, Job.detached(JobType.ETL_RUN));

        assertThat(RedshiftFixtures.script(jdbc.statements())).isEqualTo(RedshiftFixtures.golden("stage_default"));
    }

    @Test
    void shouldStageWithMaxErrorsRegionAndNoTruncationAsGolden() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { -1L }), rows(new Object[] { 2001L, 2L }),
                rows(new Object[] { 2001L }), rows(new Object[] { 2002L, 8056L }))
                .on("raw_line",
                        rows(new Object[] { "s3://udacity-dend/song_data/A/A/A/TRAAAAK128F9318786.json", 1L, "year",
                                "Invalid digit, Value 'x', Pos 0, Type: Integer", "x", "{\"year\": \"x\"}", 2L },
                                new Object[] { "s3://udacity-dend/song_data/A/A/B/TRAABJL12903CDCF1A.json", 1L,
                                        "duration", "Invalid digit, Value 'n', Pos 0, Type: Double", "n",
                                        "{\"duration\": \"n\"}", 2L }),
                        rows());

        RedshiftFixtures.stager(jdbc, "eu-west-1", 5, false, RedshiftFixtures.udacityListing())
                .stage(RedshiftFixtures.UDACITY, Job.detached(JobType.ETL_RUN));

        assertThat(RedshiftFixtures.script(jdbc.statements()))
                .isEqualTo(RedshiftFixtures.golden("stage_max_errors_eu_west_1"));
    }

    @Test
    void shouldDoubleQuotesInCopySourcesAsGolden() {
        CopyCommands copy = new CopyCommands(new SqlLibrary("redshift"), RedshiftFixtures.ROLE, "us-east-1", true);

        String songs = copy.copySongs(CopyCommands.Source.prefix(new SourceLocation.S3("sparkify-raw", "o'brien/song_data")), 10);
        String events = copy.copyEvents(CopyCommands.Source.prefix(new SourceLocation.S3("sparkify-raw", "o'brien/log_data")),
                new SourceLocation.S3("sparkify-raw", "o'brien/paths'.json"), 250_000);

        assertThat(RedshiftFixtures.script(List.of(songs, events))).isEqualTo(RedshiftFixtures.golden("copy_quoted"));
    }

    @Test
    void shouldRefuseBackslashesAndControlCharactersInCopySources() {
        CopyCommands copy = new CopyCommands(new SqlLibrary("redshift"), RedshiftFixtures.ROLE, "us-west-2", true);

        assertThatThrownBy(() -> copy.copySongs(CopyCommands.Source.prefix(new SourceLocation.S3("sparkify-raw", "song_data\\' IAM_ROLE")), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backslashes");
        assertThatThrownBy(() -> copy.copySongs(CopyCommands.Source.prefix(new SourceLocation.S3("sparkify-raw", "song_data\n")), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
    }

    @Test
    void shouldNeverPutKeysIntoCopy() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { -1L }), rows(new Object[] { 1L, 1L }),
                rows(new Object[] { 1L }), rows(new Object[] { 2L, 1L }));
        Job job = Job.detached(JobType.ETL_RUN);

        RedshiftFixtures.stager(jdbc, "us-west-2", 0, true, RedshiftFixtures.udacityListing())
                .stage(RedshiftFixtures.UDACITY, job);

        assertThat(jdbc.statements()).filteredOn(s -> s.contains("\nCOPY ")).hasSize(2)
                .allSatisfy(s -> assertThat(s).contains("IAM_ROLE '" + RedshiftFixtures.ROLE + "'")
                        .doesNotContainIgnoringCase("CREDENTIALS")
                        .doesNotContainIgnoringCase("ACCESS_KEY_ID")
                        .doesNotContainIgnoringCase("SECRET_ACCESS_KEY")
                        .doesNotContainIgnoringCase("SESSION_TOKEN"));
    }
}
