package com.sparkify.warehouse.warehouse.redshift;

import static com.sparkify.warehouse.support.ScriptedJdbc.fail;
import static com.sparkify.warehouse.support.ScriptedJdbc.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.TestJobs;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.support.ScriptedJdbc;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.LoadFailure;

import org.junit.jupiter.api.Test;

/**
 * The Redshift staging run: transaction, progress, MAXERROR over both tables, load errors read back
 * from the system views, failures and cancellation. The JDBC side is scripted; what COPY itself does
 * is Redshift's and is covered by the live tests.
 */
class RedshiftStagerTest {

    private static final String EVENTS_FILE = "s3://udacity-dend/log_data/2018/11/2018-11-03-events.json";
    private static final String COPY_FAILED = "ERROR: Load into table 'staging_events' failed. Check "
            + "'stl_load_errors' system table for details.\n  Detail: \n  -----------------------------------------------\n"
            + "  error:  Load into table 'staging_events' failed.\n  code:      1224\n  query:     4242\n"
            + "  location:  copy_json.cpp:131\n  -----------------------------------------------";

    private final ScriptedJdbc jdbc = new ScriptedJdbc();
    private final Job job = Job.detached(JobType.ETL_RUN);

    private void stage(int maxErrors) throws SQLException {
        RedshiftFixtures.stager(jdbc, "us-west-2", maxErrors, true, RedshiftFixtures.udacityListing())
                .stage(RedshiftFixtures.UDACITY, job);
    }

    @Test
    void shouldStageBothTablesInOneTransactionAndReportProgress() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 11L, 2L }), rows(new Object[] { 12L, 8056L }));

        stage(0);

        assertThat(jdbc.events()).containsExactly("1:setAutoCommit(false)", "1:executeUpdate", "1:executeUpdate",
                "1:execute", "1:executeQuery", "1:execute", "1:executeQuery", "1:commit", "1:setAutoCommit(true)",
                "1:close");
        JobRecord view = job.view();
        assertThat(view.steps()).extracting(JobRecord.Step::name, JobRecord.Step::status, JobRecord.Step::rows)
                .containsExactly(tuple("list_sources", JobStatus.SUCCEEDED, 5L),
                        tuple("stage_songs", JobStatus.SUCCEEDED, 2L),
                        tuple("stage_events", JobStatus.SUCCEEDED, 8056L));
        assertThat(view.progress().objectsListed()).isEqualTo(5);
        assertThat(view.progress().objectsDone()).isEqualTo(5);
        assertThat(view.progress().bytesListed()).isEqualTo(240 + 260 + 7_000 + 9_000 + 11_000);
        assertThat(view.progress().bytesDone()).isEqualTo(view.progress().bytesListed());
        assertThat(view.progress().rowsStaged()).containsExactlyInAnyOrderEntriesOf(
                Map.of("staging_songs", 2L, "staging_events", 8056L));
        assertThat(view.loadErrorCount()).isZero();
    }

    @Test
    void shouldFailWithTheRejectedRecordsAndRollBackWhenCopyExceedsMaxErrors() {
        // After the failed COPY the session still reports the songs COPY (11): the id comes from the error.
        jdbc.on("pg_last_copy_id", rows(new Object[] { 11L, 2L }))
                .on("COPY staging_events", fail(COPY_FAILED))
                .on("stl_load_errors", (sql, parameters) -> {
                    assertThat(parameters).containsExactly(4242L);
                    return List.<Object[]>of(new Object[] { EVENTS_FILE, 17L, "iteminsession",
                            "Invalid digit, Value 't', Pos 0, Type: Integer", "three",
                            "{\"artist\":null,\"auth\":\"Logged In\",\"itemInSession\":\"three\"}", 1L });
                });

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessage("staging_events: 1 bad record exceed sparkify.etl.max-errors=0; first: "
                        + "log_data/2018/11/2018-11-03-events.json line 17, iteminsession: Invalid digit, Value 't', "
                        + "Pos 0, Type: Integer (value: three)");

        assertThat(job.view().loadErrors()).containsExactly(new JobRecord.LoadError("staging_events",
                "log_data/2018/11/2018-11-03-events.json", 17, "iteminsession",
                "Invalid digit, Value 't', Pos 0, Type: Integer (value: three)",
                "{\"artist\":null,\"auth\":\"Logged In\",\"itemInSession\":\"three\"}"));
        assertThat(jdbc.events()).contains("1:rollback").doesNotContain("1:commit");
        // The system view is read on a second connection, outside the aborted transaction.
        assertThat(jdbc.events()).contains("2:executeQuery");
    }

    @Test
    void shouldReadLoadErrorsFromSysViewOnServerless() {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 11L, 2L }), rows(new Object[] { 77L, 0L }))
                .on("COPY staging_events", fail("ERROR: Load into table 'staging_events' failed. "
                        + "Check 'sys_load_error_detail' system table for details."))
                .on("stl_load_errors", fail("ERROR: relation \"stl_load_errors\" does not exist"))
                .on("sys_load_error_detail", rows(new Object[] { EVENTS_FILE, 3L, "ts",
                        "Invalid timestamp format or value", null, null, 1L }));

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessageContaining("staging_events: 1 bad record exceed sparkify.etl.max-errors=0");

        assertThat(job.view().loadErrors()).containsExactly(new JobRecord.LoadError("staging_events",
                "log_data/2018/11/2018-11-03-events.json", 3, "ts", "Invalid timestamp format or value", null));
    }

    @Test
    void shouldListSkippedRecordsAndGiveTheEventsCopyWhatIsLeftOfMaxErrors() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 11L, 2L }), rows(new Object[] { 12L, 8056L }))
                .on("stl_load_errors", rows(
                        new Object[] { "s3://udacity-dend/song_data/A/A/A/TRAAAAK128F9318786.json", 1L, "year",
                                "Invalid digit", "x", "{\"year\":\"x\"}", 2L },
                        new Object[] { "s3://udacity-dend/song_data/A/A/B/TRAABJL12903CDCF1A.json", 1L, "year",
                                "Invalid digit", "y", "{\"year\":\"y\"}", 2L }), rows());

        stage(5);

        assertThat(jdbc.statements()).filteredOn(s -> s.startsWith("-- Event logs"))
                .singleElement().asString().endsWith("MAXERROR 3");
        assertThat(job.view().loadErrorCount()).isEqualTo(2);
        assertThat(job.view().loadErrors()).extracting(JobRecord.LoadError::object)
                .containsExactly("song_data/A/A/A/TRAAAAK128F9318786.json", "song_data/A/A/B/TRAABJL12903CDCF1A.json");
        assertThat(jdbc.events()).contains("1:commit");
    }

    @Test
    void shouldCountEveryRejectedRecordButListOnlyTheFirstHundred() {
        List<Object[]> listed = new ArrayList<>();
        for (long line = 1; line <= LoadError.MAX_LISTED; line++) {
            listed.add(new Object[] { EVENTS_FILE, line, "ts", "Invalid timestamp", null, null, 250L });
        }
        jdbc.on("pg_last_copy_id", rows(new Object[] { 11L, 2L }), rows(new Object[] { 12L, 0L }))
                .on("COPY staging_events", fail("ERROR: Load into table 'staging_events' failed."))
                .on("stl_load_errors", rows(listed.toArray(Object[][]::new)));

        assertThatThrownBy(() -> stage(0)).hasMessageStartingWith("staging_events: 250 bad records exceed");

        assertThat(job.view().loadErrorCount()).isEqualTo(250);
        assertThat(job.view().loadErrors()).hasSize(LoadError.MAX_LISTED);
    }

    @Test
    void shouldReportTheCopyErrorWhenNoRecordWasRejected() {
        jdbc.on("COPY staging_songs", fail("ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied,"
                + "\n  Detail: \n  -----------------------------------------------\n  error:  Access Denied"));

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessage("staging_songs: COPY from s3://udacity-dend/song_data failed: ERROR: "
                        + "S3ServiceException:Access Denied,Status 403,Error AccessDenied, Detail: error: Access Denied");

        assertThat(job.view().loadErrorCount()).isZero();
        assertThat(jdbc.events()).contains("1:rollback").doesNotContain("1:commit");
    }

    @Test
    void shouldRefuseLocalSourcesBeforeTouchingTheWarehouse() {
        EtlSources local = new EtlSources(new SourceLocation.Local(Path.of("/data/sample/song_data")),
                RedshiftFixtures.UDACITY.logData(), RedshiftFixtures.UDACITY.logJsonPaths());

        assertThatThrownBy(() -> RedshiftFixtures.stager(jdbc, "us-west-2", 0, true, RedshiftFixtures.udacityListing())
                .stage(local, job)).isInstanceOf(LoadFailure.class)
                .hasMessage("songData file:///data/sample/song_data is a local path, but the Redshift engine loads "
                        + "with COPY from S3 only: give an s3://bucket/prefix location");

        assertThat(jdbc.statements()).isEmpty();
    }

    @Test
    void shouldFailWhenAPrefixHoldsNoObjects() {
        assertThatThrownBy(() -> RedshiftFixtures.stager(jdbc, "us-west-2", 0, true,
                RedshiftFixtures.listing(Map.of("s3://udacity-dend/song_data", RedshiftFixtures.SONGS)))
                .stage(RedshiftFixtures.UDACITY, job)).isInstanceOf(LoadFailure.class)
                .hasMessage("no .json objects under s3://udacity-dend/log_data at AWS S3 in us-west-2");

        assertThat(jdbc.statements()).isEmpty();
    }

    @Test
    void shouldFailWhenTheJsonPathsLocationIsNotOneObject() {
        assertThatThrownBy(() -> RedshiftFixtures.stager(jdbc, "us-west-2", 0, true,
                RedshiftFixtures.listing(Map.of("s3://udacity-dend/song_data", RedshiftFixtures.SONGS,
                        "s3://udacity-dend/log_data", RedshiftFixtures.LOGS)))
                .stage(RedshiftFixtures.UDACITY, job)).isInstanceOf(LoadFailure.class)
                .hasMessage("logJsonPaths s3://udacity-dend/log_json_path.json: expected one JSONPaths file, found 0");
    }

    @Test
    void shouldCancelARunningCopyWithStatementCancelAndRollBack() {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 11L, 2L }))
                .on("COPY staging_events", (sql, parameters) -> {
                    TestJobs.requestCancel(job);
                    throw new SQLException("ERROR: Query (4243) cancelled on user's request", "57014");
                });

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadCancelledException.class);

        assertThat(jdbc.events()).contains("1:cancel", "1:rollback").doesNotContain("1:commit");
        assertThat(job.view().loadErrorCount()).isZero();
    }
}
