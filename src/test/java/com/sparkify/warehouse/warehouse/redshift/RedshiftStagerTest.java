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
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.TestJobs;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.support.ScriptedJdbc;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.LoadFailure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Redshift staging run: transaction, progress, MAXERROR over both tables (N = 0, 1, 5 whichever way
 * COPY counts its limit), this COPY's load errors read back from the system views by session, table and
 * baseline, keys that are not .json, failures and cancellation. The JDBC side is scripted; what COPY itself does
 * is Redshift's and is covered by the live tests.
 */
class RedshiftStagerTest {

    private static final String EVENTS_FILE = "s3://udacity-dend/log_data/2018/11/2018-11-03-events.json";
    private static final String COPY_FAILED = "ERROR: Load into table 'staging_events' failed. Check "
            + "'stl_load_errors' system table for details.\n  Detail: \n  -----------------------------------------------\n"
            + "  error:  Load into table 'staging_events' failed.\n  code:      1224\n  query:     4242\n"
            + "  location:  copy_json.cpp:131\n  -----------------------------------------------";

    /** This session's process id as pg_backend_pid() reports it. */
    private static final int SESSION = 30123;
    private static final String PID = "SELECT pg_backend_pid()";
    private static final String STL_BASELINE = "COALESCE(MAX(query), -1)";
    private static final String STL_ERRORS = "raw_line";
    private static final String SYS_BASELINE = "COALESCE(MAX(query_id), -1)";
    private static final String SYS_ERRORS = "sys_load_error_detail";

    private final ScriptedJdbc jdbc = new ScriptedJdbc();
    private final Job job = Job.detached(JobType.ETL_RUN);

    private void stage(int maxErrors) throws SQLException {
        RedshiftFixtures.stager(jdbc, "us-west-2", maxErrors, true, RedshiftFixtures.udacityListing())
                .stage(RedshiftFixtures.UDACITY, job);
    }

    /** pg_last_copy_id() before and after each COPY: both COPYs move it, songs to 11, events to 12. */
    private ScriptedJdbc copies(long songRows, long eventRows) {
        return jdbc.on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 11L, songRows }),
                rows(new Object[] { 11L }), rows(new Object[] { 12L, eventRows }));
    }

    private static Object[] songError(String file, String value) {
        return new Object[] { "s3://udacity-dend/song_data/" + file, 1L, "year", "Invalid digit", value,
                "{\"year\":\"" + value + "\"}", 0L };
    }

    /** n rejected song records, each COUNT(*) OVER () equal to n. */
    private static ScriptedJdbc.Answer songErrors(int n) {
        List<Object[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] row = songError("A/A/A/TR" + i + ".json", "x" + i);
            row[6] = (long) n;
            list.add(row);
        }
        return rows(list.toArray(Object[][]::new));
    }

    private static ScriptedJdbc.Answer eventErrors(int n) {
        List<Object[]> list = new ArrayList<>();
        for (long line = 1; line <= n; line++) {
            list.add(new Object[] { EVENTS_FILE, line, "ts", "Invalid timestamp", null, null, (long) n });
        }
        return rows(list.toArray(Object[][]::new));
    }

    private List<String> maxErrorLines() {
        return jdbc.statements().stream().filter(s -> s.contains("\nCOPY "))
                .map(s -> s.substring(s.lastIndexOf("MAXERROR"))).toList();
    }

    @Test
    void shouldStageBothTablesInOneTransactionAndReportProgress() throws Exception {
        copies(2, 8056);

        stage(0);

        // Connection 1 stages; each baseline and each read of the load errors takes its own (2 to 5).
        assertThat(jdbc.events()).containsExactly("1:setAutoCommit(false)", "1:executeQuery", "1:executeUpdate",
                "1:executeUpdate", "2:executeQuery", "2:close", "1:executeQuery", "1:execute", "1:executeQuery",
                "3:executeQuery", "3:close", "4:executeQuery", "4:close", "1:executeQuery", "1:execute",
                "1:executeQuery", "5:executeQuery", "5:close", "1:commit", "1:setAutoCommit(true)", "1:close");
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
        assertThat(view.details()).isNull();
    }

    @Test
    void shouldFindTheFailedCopysErrorsBySessionTableAndBaselineNotByAStaleCopyId() {
        // pg_last_copy_id() stays at the songs COPY (11) after the failed events COPY, as after a rollback;
        // the errors are found as this session's rows into staging_events above the baseline 950.
        List<List<Object>> reads = new ArrayList<>();
        jdbc.on(PID, rows(new Object[] { SESSION }))
                .on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 11L, 2L }),
                        rows(new Object[] { 11L }))
                .on("COPY staging_events", fail(COPY_FAILED))
                .on(STL_BASELINE, rows(new Object[] { 900L }), rows(new Object[] { 950L }))
                .on(STL_ERRORS, (sql, parameters) -> {
                    reads.add(parameters);
                    return parameters.get(1).equals("staging_songs") ? List.of()
                            : List.<Object[]>of(new Object[] { EVENTS_FILE, 17L, "iteminsession",
                                    "Invalid digit, Value 't', Pos 0, Type: Integer", "three",
                                    "{\"artist\":null,\"auth\":\"Logged In\",\"itemInSession\":\"three\"}", 1L });
                });

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessage("staging_events: 1 bad record exceed sparkify.etl.max-errors=0; first: "
                        + "log_data/2018/11/2018-11-03-events.json line 17, iteminsession: Invalid digit, Value 't', "
                        + "Pos 0, Type: Integer (value: three)");

        assertThat(reads).containsExactly(List.of(SESSION, "staging_songs", 900L),
                List.of(SESSION, "staging_events", 950L));
        assertThat(job.view().loadErrors()).containsExactly(new LoadError("staging_events",
                "log_data/2018/11/2018-11-03-events.json", 17, "iteminsession",
                "Invalid digit, Value 't', Pos 0, Type: Integer (value: three)",
                "{\"artist\":null,\"auth\":\"Logged In\",\"itemInSession\":\"three\"}"));
        assertThat(jdbc.events()).contains("1:rollback").doesNotContain("1:commit");
    }

    @Test
    void shouldCountTheRowsWhenPgLastCopyIdDidNotMove() throws Exception {
        // The session's last COPY id is 7 before and after the songs COPY: its count is not this COPY's.
        jdbc.on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 7L, 99L }),
                rows(new Object[] { 7L }), rows(new Object[] { 12L, 8056L }))
                .on("COUNT(*) AS row_count", rows(new Object[] { "staging_songs", 2L }));

        stage(0);

        assertThat(job.view().progress().rowsStaged()).containsEntry("staging_songs", 2L);
        assertThat(jdbc.statements()).filteredOn(s -> s.contains("COUNT(*) AS row_count")).singleElement()
                .asString().contains("FROM staging_songs");
    }

    @Test
    void shouldReadLoadErrorsFromSysViewsWhereStlDoesNotExist() {
        List<List<Object>> reads = new ArrayList<>();
        jdbc.on(PID, rows(new Object[] { SESSION }))
                .on("pg_last_copy_id", rows(new Object[] { -1L }), rows(new Object[] { 11L, 2L }),
                        rows(new Object[] { 11L }))
                .on("COPY staging_events", fail("ERROR: Load into table 'staging_events' failed. "
                        + "Check 'sys_load_error_detail' system table for details."))
                .on(STL_BASELINE, fail("ERROR: relation \"stl_load_errors\" does not exist"))
                .on(SYS_BASELINE, rows(new Object[] { 60L }), rows(new Object[] { 70L }))
                .on(SYS_ERRORS, (sql, parameters) -> {
                    reads.add(parameters);
                    return parameters.get(1).equals("staging_songs") ? List.of()
                            : List.<Object[]>of(new Object[] { EVENTS_FILE, 3L, "ts",
                                    "Invalid timestamp format or value", null, null, 1L });
                });

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessageContaining("staging_events: 1 bad record exceed sparkify.etl.max-errors=0");

        assertThat(reads).containsExactly(List.of(SESSION, "staging_songs", "staging_songs", 60L),
                List.of(SESSION, "staging_events", "staging_events", 70L));
        assertThat(job.view().loadErrors()).containsExactly(new LoadError("staging_events",
                "log_data/2018/11/2018-11-03-events.json", 3, "ts", "Invalid timestamp format or value", null));
        assertThat(jdbc.statements()).noneMatch(s -> s.contains(STL_ERRORS));
    }

    @Test
    void shouldTryStlAgainForEveryCopyAfterItFailedOnce() throws Exception {
        copies(2, 8056).on(STL_BASELINE, fail("ERROR: relation \"stl_load_errors\" does not exist"),
                rows(new Object[] { 950L }));

        stage(0);

        // Songs: STL absent, so SYS; events: STL answered, so STL and not SYS.
        List<String> reads = jdbc.statements().stream()
                .filter(s -> s.contains(STL_ERRORS) || s.contains(SYS_ERRORS))
                .map(s -> s.contains(SYS_ERRORS) ? "sys" : "stl").toList();
        assertThat(reads).containsExactly("sys", "stl");
    }

    @Test
    void shouldRollBackWhenTheLoadErrorsCannotBeRead() {
        copies(2, 8056).on(STL_BASELINE, fail("ERROR: permission denied for relation stl_load_errors"));

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessageStartingWith("staging_songs: the records COPY rejected could not be read")
                .hasMessageContaining("sparkify.etl.max-errors cannot be enforced");

        // Not absent, only unreadable: SYS is not asked in STL's place.
        assertThat(jdbc.statements()).noneMatch(s -> s.contains(SYS_BASELINE));
        assertThat(jdbc.events()).contains("1:rollback").doesNotContain("1:commit");
    }

    @ParameterizedTest(name = "max-errors={0}")
    @ValueSource(ints = { 0, 1, 5 })
    void shouldAllowExactlyMaxErrorsOverBothCopies(int maxErrors) throws Exception {
        // Songs skip all that is allowed, events none: COPY is given one more than what is left each time.
        copies(2, 8056).on(STL_ERRORS, songErrors(maxErrors), eventErrors(0));

        stage(maxErrors);

        assertThat(maxErrorLines()).containsExactly("MAXERROR " + (maxErrors + 1), "MAXERROR 1");
        assertThat(job.view().loadErrorCount()).isEqualTo(maxErrors);
        assertThat(jdbc.events()).contains("1:commit");
    }

    @ParameterizedTest(name = "max-errors={0}")
    @ValueSource(ints = { 0, 1, 5 })
    void shouldFailOneRecordAboveMaxErrorsEvenWhenCopyAcceptedIt(int maxErrors) {
        // Whether COPY fails at MAXERROR errors or only above, a COPY that skipped one record too many and
        // succeeded must still fail the run.
        copies(2, 8056).on(STL_ERRORS, songErrors(maxErrors), eventErrors(1));

        assertThatThrownBy(() -> stage(maxErrors)).isInstanceOf(LoadFailure.class)
                .hasMessageStartingWith("staging_events: " + (maxErrors + 1) + " bad record"
                        + (maxErrors + 1 == 1 ? "" : "s") + " exceed sparkify.etl.max-errors=" + maxErrors + ";");

        assertThat(maxErrorLines()).containsExactly("MAXERROR " + (maxErrors + 1), "MAXERROR 1");
        assertThat(jdbc.events()).contains("1:rollback").doesNotContain("1:commit");
    }

    @ParameterizedTest(name = "max-errors={0}")
    @ValueSource(ints = { 0, 1, 5 })
    void shouldFailAtTheSongsCopyWhenItAloneSkippedTooMany(int maxErrors) {
        copies(2, 8056).on(STL_ERRORS, songErrors(maxErrors + 1));

        assertThatThrownBy(() -> stage(maxErrors)).isInstanceOf(LoadFailure.class)
                .hasMessageStartingWith("staging_songs: " + (maxErrors + 1) + " bad record");

        assertThat(maxErrorLines()).containsExactly("MAXERROR " + (maxErrors + 1));
        assertThat(job.view().loadErrorCount()).isEqualTo(maxErrors + 1);
    }

    @Test
    void shouldGiveTheEventsCopyWhatIsLeftOfMaxErrorsPlusOne() throws Exception {
        copies(2, 8056).on(STL_ERRORS, songErrors(2), eventErrors(0));

        stage(5);

        assertThat(maxErrorLines()).containsExactly("MAXERROR 6", "MAXERROR 4");
        assertThat(job.view().loadErrorCount()).isEqualTo(2);
        assertThat(job.view().loadErrors()).extracting(LoadError::object)
                .containsExactly("song_data/A/A/A/TR0.json", "song_data/A/A/A/TR1.json");
        assertThat(jdbc.events()).contains("1:commit");
    }

    @Test
    void shouldCountEveryRejectedRecordButListOnlyTheFirstHundred() {
        List<Object[]> listed = new ArrayList<>();
        for (long line = 1; line <= LoadError.MAX_LISTED; line++) {
            listed.add(new Object[] { EVENTS_FILE, line, "ts", "Invalid timestamp", null, null, 250L });
        }
        jdbc.on("pg_last_copy_id", rows(new Object[] { -1L }), rows(new Object[] { 11L, 2L }), rows(new Object[] { 11L }))
                .on("COPY staging_events", fail("ERROR: Load into table 'staging_events' failed."))
                .on(STL_ERRORS, rows(), rows(listed.toArray(Object[][]::new)));

        assertThatThrownBy(() -> stage(0)).hasMessageStartingWith("staging_events: 250 bad records exceed");

        assertThat(job.view().loadErrorCount()).isEqualTo(250);
        assertThat(job.view().loadErrors()).hasSize(LoadError.MAX_LISTED);
    }

    @Test
    void shouldNameNonJsonKeysAndFailBeforeCopyWithoutAStagingPrefix() {
        List<String> others = List.of("song_data/README.txt", "song_data/A/notes.csv");
        assertThatThrownBy(() -> RedshiftFixtures.stager(jdbc, "us-west-2", 0, true,
                RedshiftFixtures.listing(Map.of("s3://udacity-dend/song_data/", RedshiftFixtures.SONGS,
                        "s3://udacity-dend/log_data/", RedshiftFixtures.LOGS,
                        "s3://udacity-dend/log_json_path.json", RedshiftFixtures.JSONPATHS), Map.of(
                                "s3://udacity-dend/song_data/", others)))
                .stage(RedshiftFixtures.UDACITY, job)).isInstanceOf(LoadFailure.class)
                .hasMessage("2 objects under s3://udacity-dend/song_data/ not loaded because the key does not end "
                        + "in .json: song_data/README.txt, song_data/A/notes.csv; COPY of the prefix would load "
                        + "them: remove them, or set sparkify.redshift.staging-prefix so COPY reads a manifest of "
                        + "the .json objects only");

        assertThat(job.view().details()).containsEntry("songData_not_json", "2 objects under "
                + "s3://udacity-dend/song_data/ not loaded because the key does not end in .json: "
                + "song_data/README.txt, song_data/A/notes.csv");
        assertThat(jdbc.statements()).isEmpty();
    }

    @Test
    void shouldReportTheCopyErrorWhenNoRecordWasRejected() {
        jdbc.on("COPY staging_songs", fail("ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied,"
                + "\n  Detail: \n  -----------------------------------------------\n  error:  Access Denied"));

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadFailure.class)
                .hasMessage("staging_songs: COPY from s3://udacity-dend/song_data/ failed: ERROR: "
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
                RedshiftFixtures.listing(Map.of("s3://udacity-dend/song_data/", RedshiftFixtures.SONGS)))
                .stage(RedshiftFixtures.UDACITY, job)).isInstanceOf(LoadFailure.class)
                .hasMessage("no .json objects under s3://udacity-dend/log_data/ at AWS S3 in us-west-2");

        assertThat(jdbc.statements()).isEmpty();
    }

    @Test
    void shouldFailWhenTheJsonPathsLocationIsNotOneObject() {
        assertThatThrownBy(() -> RedshiftFixtures.stager(jdbc, "us-west-2", 0, true,
                RedshiftFixtures.listing(Map.of("s3://udacity-dend/song_data/", RedshiftFixtures.SONGS,
                        "s3://udacity-dend/log_data/", RedshiftFixtures.LOGS)))
                .stage(RedshiftFixtures.UDACITY, job)).isInstanceOf(LoadFailure.class)
                .hasMessage("logJsonPaths s3://udacity-dend/log_json_path.json: expected one JSONPaths file, found 0");
    }

    @Test
    void shouldCancelARunningCopyWithStatementCancelAndRollBack() {
        jdbc.on("pg_last_copy_id", rows(new Object[] { -1L }), rows(new Object[] { 11L, 2L }), rows(new Object[] { 11L }))
                .on("COPY staging_events", (sql, parameters) -> {
                    TestJobs.requestCancel(job);
                    throw new SQLException("ERROR: Query (4243) cancelled on user's request", "57014");
                });

        assertThatThrownBy(() -> stage(0)).isInstanceOf(LoadCancelledException.class);

        assertThat(jdbc.events()).contains("1:cancel", "1:rollback").doesNotContain("1:commit");
        assertThat(job.view().loadErrorCount()).isZero();
    }
}
