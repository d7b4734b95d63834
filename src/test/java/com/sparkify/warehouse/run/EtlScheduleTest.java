package com.sparkify.warehouse.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.HeldSources;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.path.json.JsonPath;

/**
 * Scheduled ETL runs. The cron expression fires in 2099, so nothing fires on the wall clock: each test
 * fires the schedule itself, as the scheduler's task does. Expected counts are {@link SampleSources}'.
 */
@QuarkusTest
@TestProfile(EtlScheduleTest.Scheduled.class)
class EtlScheduleTest {

    /** 03:15 on 1 January 2099, in the service's time zone. */
    static final String CRON = "0 15 3 1 1 ? 2099";
    static final Path SOURCES = Path.of("target/test-data/schedule-sources");

    /** A schedule (in the default mode, incremental) that never fires during the test, over sources of its own. */
    public static class Scheduled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path root = SOURCES.toAbsolutePath();
            return Map.of("sparkify.etl.schedule", CRON,
                    "sparkify.source.song-data", root.resolve("song_data").toString(),
                    "sparkify.source.log-data", root.resolve("log_data").toString(),
                    "sparkify.source.log-jsonpaths", root.resolve("log_json_path.json").toString());
        }
    }

    @Inject
    EtlSchedule schedule;

    @Inject
    Scheduler scheduler;

    @Inject
    WarehouseQueries warehouse;

    @InjectSpy
    WarehouseJobs warehouseJobs;

    @BeforeAll
    static void writeSources() {
        SampleSources.write(SOURCES);
    }

    @BeforeEach
    void resetWarehouse() {
        Jobs.awaitIdle();
        Jobs.resetSchema();
    }

    @Test
    void shouldStartAnOrdinaryRunMarkedScheduleWhenTheScheduleFires() {
        EtlSchedule.Firing firing = schedule.fire();

        assertThat(firing.outcome()).isEqualTo(EtlSchedule.Outcome.STARTED);
        assertThat(firing.reason()).isNull();
        JsonPath run = Jobs.await("/etl/runs/" + firing.jobId());
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("trigger")).isEqualTo("schedule");
        assertThat(run.getString("mode")).isEqualTo("incremental");
        assertThat(run.getInt("tableCounts.songplays")).isEqualTo(6);
        assertThat(run.getString("sources.songData")).endsWith("/schedule-sources/song_data");
        // In the history like any run.
        List<Map<String, Object>> history = given().queryParam("limit", 1).when().get("/etl/runs")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(history).singleElement().satisfies(j -> {
            assertThat(j).containsEntry("id", firing.jobId()).containsEntry("trigger", "schedule");
        });
        JsonPath state = scheduleJson();
        assertThat(state.getString("lastOutcome")).isEqualTo("started");
        assertThat(state.getString("lastJobId")).isEqualTo(firing.jobId());
        assertThat(state.getString("lastFiredAt")).isEqualTo(firing.at().toString());
        assertThat(state.getString("lastSkipReason")).isNull();
    }

    @Test
    void shouldMarkRunsAClientStartedWithTriggerApi() {
        JsonPath run = Jobs.runEtl("{}");

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("trigger")).isEqualTo("api");
        JsonPath reset = Jobs.resetSchema();
        assertThat(reset.getString("trigger")).isEqualTo("api");
    }

    @Test
    void shouldSkipAndCountAFiringWhileAJobRuns() throws Exception {
        long before = skipped("job-running");
        try (HeldSources.Hold hold = HeldSources.holdAt("TRABC0004.json")) {
            String location = Jobs.startEtl("{}");
            String held = location.substring(location.lastIndexOf('/') + 1);
            hold.awaitReached();

            EtlSchedule.Firing firing = schedule.fire();

            assertThat(firing.outcome()).isEqualTo(EtlSchedule.Outcome.SKIPPED);
            assertThat(firing.reason()).isEqualTo(EtlSchedule.SkipReason.JOB_RUNNING);
            assertThat(firing.jobId()).isNull();
            assertThat(firing.detail()).isEqualTo("job " + held + " (ETL_RUN) is RUNNING");
            assertThat(newestJobIds(2).get(0)).as("no job queued behind it").isEqualTo(held);
        }
        assertThat(skipped("job-running")).isEqualTo(before + 1);
        assertThat(scheduleJson().getString("lastOutcome")).isEqualTo("skipped");
        assertThat(scheduleJson().getString("lastSkipReason")).isEqualTo("job-running");
    }

    @Test
    void shouldSkipAndCountAFiringBeforeTheWarehouseWasEverReset() {
        warehouse.dropAllTables();
        List<String> jobsBefore = newestJobIds(5);
        long before = skipped("never-reset");

        EtlSchedule.Firing firing = schedule.fire();

        assertThat(firing.outcome()).isEqualTo(EtlSchedule.Outcome.SKIPPED);
        assertThat(firing.reason()).isEqualTo(EtlSchedule.SkipReason.NEVER_RESET);
        assertThat(firing.detail()).contains("POST /schema/reset");
        assertThat(newestJobIds(5)).as("no job, not even a failed one").isEqualTo(jobsBefore);
        assertThat(skipped("never-reset")).isEqualTo(before + 1);
    }

    @Test
    void shouldSkipAndCountAFiringInAModeThisEngineCannotRun() {
        doReturn(Optional.of("incremental runs on Redshift need sparkify.redshift.staging-prefix"))
                .when(warehouseJobs).unavailable(any());
        List<String> jobsBefore = newestJobIds(5);
        long before = skipped("mode-unavailable");

        EtlSchedule.Firing firing = schedule.fire();

        assertThat(firing.outcome()).isEqualTo(EtlSchedule.Outcome.SKIPPED);
        assertThat(firing.reason()).isEqualTo(EtlSchedule.SkipReason.MODE_UNAVAILABLE);
        assertThat(firing.detail()).isEqualTo("incremental runs on Redshift need sparkify.redshift.staging-prefix");
        assertThat(newestJobIds(5)).isEqualTo(jobsBefore);
        assertThat(skipped("mode-unavailable")).isEqualTo(before + 1);
        assertThat(scheduleJson().getString("lastDetail")).isEqualTo(firing.detail());
    }

    @Test
    void shouldAnswerTheScheduleWithItsNextFiringAndEverySkipReason() {
        String next = ZonedDateTime.of(2099, 1, 1, 3, 15, 0, 0, ZoneId.systemDefault()).toInstant().toString();

        JsonPath state = scheduleJson();

        assertThat(state.getBoolean("enabled")).isTrue();
        assertThat(state.getString("cron")).isEqualTo(CRON);
        assertThat(state.getString("mode")).isEqualTo("incremental");
        assertThat(state.getString("nextFireAt")).isEqualTo(next);
        assertThat(state.getMap("skipped")).containsOnlyKeys("job-running", "never-reset", "mode-unavailable");
        assertThat(state.getString("note")).isNull();
        // The same instant the scheduler will fire at: the schedule is registered, not only described.
        assertThat(scheduler.getScheduledJob(EtlSchedule.JOB_ID).getNextFireTime()).hasToString(next);
    }

    @Test
    void shouldRejectAnInvalidCronAtStartUpNamingTheSetting() {
        assertThatThrownBy(() -> schedule.start(Optional.of("every night"), "incremental"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("sparkify.etl.schedule (SPARKIFY_ETL_SCHEDULE) is \"every night\"")
                .hasMessageContaining("0 30 2 * * ?");
        // Six fields, but minute 61 does not exist.
        assertThatThrownBy(() -> schedule.start(Optional.of("0 61 2 * * ?"), "incremental"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("sparkify.etl.schedule (SPARKIFY_ETL_SCHEDULE) is \"0 61 2 * * ?\"");
        assertThatThrownBy(() -> schedule.start(Optional.empty(), "sometimes"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("sparkify.etl.schedule-mode (SPARKIFY_ETL_SCHEDULE_MODE) is \"sometimes\", but must be "
                        + "full or incremental");
        // A rejected setting changes nothing of the running schedule.
        assertThat(schedule.state().cron()).isEqualTo(CRON);
        assertThat(schedule.state().mode()).isEqualTo(EtlMode.INCREMENTAL);
    }

    @Test
    void shouldDocumentTheEndpointAndTheTriggerInTheOpenApiDocument() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();

        assertThat(doc.getString("paths.'/etl/schedule'.get.operationId")).isEqualTo("getEtlSchedule");
        assertThat(doc.getList("paths.'/etl/schedule'.get.security")).isEmpty();
        assertThat(doc.getList("components.schemas.Job.properties.trigger.enum")).containsExactly("api", "schedule");
        assertThat(doc.getMap("components.schemas.EtlSchedule.properties")).containsKeys("cron", "mode",
                "nextFireAt", "lastFiredAt", "lastOutcome", "skipped");
    }

    private static JsonPath scheduleJson() {
        return given().when().get("/etl/schedule").then().statusCode(200).extract().jsonPath();
    }

    private static long skipped(String reason) {
        return scheduleJson().getLong("skipped.'" + reason + "'");
    }

    private static List<String> newestJobIds(int limit) {
        return given().queryParam("limit", limit).when().get("/jobs").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
    }
}
