package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.HeldSources;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * ETL runs on the embedded engine from local directories: what lands in the star schema, and what a
 * failed or cancelled run leaves behind. Expected figures are worked out in {@link SampleSources}.
 */
@QuarkusTest
class EtlRunResourceTest {

    @Inject
    WarehouseQueries warehouse;

    private Path root;

    @BeforeEach
    void freshFixtureRoot() throws Exception {
        Jobs.awaitIdle();
        root = Fixtures.newRoot("etl");
        Jobs.resetSchema();
    }

    @Test
    void shouldLoadStagingAndStarSchemaFromLocalDirectory() {
        JsonPath run = Jobs.runEtl(SampleSources.write(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getMap("tableCounts")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "staging_events", 8, "staging_songs", 4, "songplays", 6, "users", 2, "songs", 4,
                "artists", 3, "time", 5, "songplaysWithSong", 4));
        assertThat(run.getMap("progress.rowsStaged")).isEqualTo(Map.of("staging_events", 8, "staging_songs", 4));
        assertThat(run.getInt("progress.objectsDone")).isEqualTo(6);
        assertThat(run.getDouble("progress.percent")).isEqualTo(100.0);
        assertThat(run.getList("steps.name")).containsExactly("list_sources", "check_space", "stage_songs",
                "stage_events", "publish_staging", "load_songplays", "load_users", "load_songs", "load_artists",
                "load_time", "record_ledger", "quality_checks");
        assertThat(run.getList("checks.passed")).hasSize(18).containsOnly(true);
        assertThat(run.getString("sources.songData")).startsWith("file:///").endsWith("/song_data");
        // Local event logs go through DuckDB's own reader; the song files (matched ignoring case) never do.
        assertThat(run.getMap("details")).isEqualTo(Map.of("staging_events_reader", "duckdb"));
    }

    @Test
    void shouldMatchSongsOnTitleArtistAndDurationPreferringSmallestSongId() {
        Jobs.runEtl(SampleSources.write(root));

        assertThat(warehouse.rows("SELECT songplay_id, user_id, song_id, artist_id FROM songplays ORDER BY songplay_id"))
                .containsExactly(
                        List.of(0L, 10, "SOAAA0", "ARA"),
                        List.of(1L, 10, "SOBBB2", "ARB"),
                        Arrays.asList(2L, 20, null, null),
                        Arrays.asList(3L, 20, null, null),
                        // Plays 7 and 8 share a start time: session 3 (play 8) numbers before session 4.
                        List.of(4L, 20, "SOBBB2", "ARB"),
                        List.of(5L, 10, "SOAAA0", "ARA"));
    }

    @Test
    void shouldKeepTheLevelOfEachUsersLatestPlay() {
        Jobs.runEtl(SampleSources.write(root));

        assertThat(warehouse.rows("SELECT user_id, first_name, level FROM users ORDER BY user_id"))
                .containsExactly(List.of(10, "Alice", "paid"), List.of(20, "Bea", "free"));
    }

    @Test
    void shouldDeriveTimeRowsFromDistinctStartTimes() {
        Jobs.runEtl(SampleSources.write(root));

        // 2018-11-02 is a Friday: EXTRACT(dow) = 5; ISO week 44.
        assertThat(warehouse.rows("SELECT start_time, hour, day, week, month, year, weekday FROM time "
                + "WHERE start_time = TIMESTAMP '2018-11-02 00:01:00'"))
                .containsExactly(List.of(LocalDateTime.of(2018, 11, 2, 0, 1), 0, 2, 44, 11, 2018, 5));
        assertThat(warehouse.single("SELECT COUNT(*) FROM time WHERE hour = 1")).isEqualTo(1);
    }

    @Test
    void shouldLoadEmptyUserIdAsNullAndKeepStringsByteForByte() {
        SampleSources.write(root);
        // A doubly UTF-8-encoded name, as in the real data's Bjork plays: loaded as is, not repaired.
        new Fixtures(root).song("TRAAA0001", "SOAAA1", "Alpha", "ARA", "Bj\u00c3\u0083\u00c2\u00b6rk", 200.5, 2001);
        Jobs.runEtl(SampleSources.body(root));

        assertThat(warehouse.single("SELECT COUNT(*) FROM staging_events WHERE user_id IS NULL")).isEqualTo(1);
        assertThat(warehouse.rows("SELECT artist_name FROM staging_songs WHERE song_id = 'SOAAA1'"))
                .containsExactly(List.of("Bj\u00c3\u0083\u00c2\u00b6rk"));
        assertThat(warehouse.rows("SELECT DISTINCT user_agent FROM staging_events WHERE user_id = '10'"))
                .containsExactly(List.of("Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0"));
    }

    @Test
    void shouldGiveIdenticalStarSchemaOnRerun() {
        String body = SampleSources.write(root);
        JsonPath first = Jobs.runEtl(body);
        List<List<Object>> songplays = warehouse.rows("SELECT * FROM songplays ORDER BY songplay_id");

        JsonPath second = Jobs.runEtl(body);

        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(second.getMap("tableCounts")).isEqualTo(first.getMap("tableCounts"));
        assertThat(warehouse.rows("SELECT * FROM songplays ORDER BY songplay_id")).isEqualTo(songplays);
    }

    @Test
    void shouldFailOnMalformedLineAndKeepThePreviousStarSchema() {
        String body = SampleSources.write(root);
        Jobs.runEtl(body);
        new Fixtures(root).write("log_data/2018/11/2018-11-03-events.json",
                Fixtures.event("30", "Cy", "free", "NextSong", "Cleo", "Gamma", 150.0, 9, 0, SampleSources.T1 + 1)
                        + "\n{\"artist\": \"Cleo\", \"itemInSession\": \"three\"}\n");

        JsonPath run = Jobs.runEtl(body);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("exceed sparkify.etl.max-errors=0")
                .contains("log_data/2018/11/2018-11-03-events.json line 2");
        assertThat(run.getInt("loadErrorCount")).isEqualTo(1);
        assertThat(run.getMap("loadErrors[0]")).containsEntry("object", "log_data/2018/11/2018-11-03-events.json")
                .containsEntry("line", 2).containsEntry("column", "itemInSession")
                .containsEntry("reason", "not an integer: \"three\"")
                .containsEntry("table", "staging_events");
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count("staging_events")).isEqualTo(8);
        assertThat(run.getString("details.staging_events_reader"))
                .startsWith("service, as DuckDB's reader declined: log_data/2018/11/2018-11-03-events.json line 2: ");
    }

    @Test
    void shouldRollBackWhenAQualityCheckFails() {
        String body = SampleSources.write(root);
        Jobs.runEtl(body);
        Path other = root.resolve("no-plays");
        new Fixtures(other)
                .song("TRAAA0001", "SOAAA1", "Alpha", "ARA", "Ann Artist", 200.5, 2001)
                .events("2018-11-05", List.of(
                        Fixtures.event("10", "Alice", "free", "Home", null, null, null, 1, 0, SampleSources.T1)));

        JsonPath run = Jobs.runEtl(SampleSources.body(other));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("songplays_not_empty");
        assertThat(run.getList("checks.findAll { !it.passed }.name"))
                .contains("songplays_not_empty", "users_not_empty", "time_not_empty");
        assertThat(run.getString("checks.find { it.name == 'songplays_not_empty' }.detail")).isEqualTo("songplays is empty");
        assertThat(run.getString("checks.find { it.name == 'songs_not_empty' }.detail")).isEqualTo("songs has rows");
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count("users")).isEqualTo(2);
    }

    @Test
    void shouldCancelARunningRunAndLeaveTheWarehouseUnchanged() throws Exception {
        Jobs.runEtl(SampleSources.write(root));
        Path big = root.resolve("big");
        Fixtures f = new Fixtures(big).song("TRAAA0001", "SOAAA1", "Alpha", "ARA", "Ann Artist", 200.5, 2001);
        for (int day = 1; day <= 4; day++) {
            List<String> lines = new ArrayList<>(1_000);
            for (int i = 0; i < 1_000; i++) {
                lines.add(Fixtures.event("7", "Gus", "free", "NextSong", "Ann Artist", "Alpha", 200.5, i, 0,
                        SampleSources.T0 + day * 86_400_000L + i));
            }
            f.events("2018-11-1" + day, lines);
        }
        String location;
        // The run stops at its read of the last day's log (in the service's loader), so the cancel arrives while
        // it stages.
        try (HeldSources.Hold hold = HeldSources.holdAt("2018-11-14-events.json")) {
            location = Jobs.startEtl(SampleSources.body(big));
            hold.awaitReached();

            given().when().delete(location).then().statusCode(202);
        }
        JsonPath run = Jobs.await(location);

        assertThat(run.getString("status")).isEqualTo("CANCELLED");
        assertThat(run.getString("error")).isNull();
        assertThat(run.getList("steps.name")).doesNotContain("publish_staging");
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count("staging_events")).isEqualTo(8);
    }

    @Test
    void shouldFailWithAClearErrorWhenTheSourceDirectoryIsMissing() {
        new Fixtures(root);
        String body = "{\"songData\":\"" + root.toAbsolutePath().resolve("nowhere") + "\","
                + "\"logData\":\"" + root.toAbsolutePath().resolve("nowhere-either") + "\","
                + "\"logJsonPaths\":\"" + root.toAbsolutePath().resolve("log_json_path.json") + "\"}";

        JsonPath run = Jobs.runEtl(body);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot list file://").contains("nowhere");
    }

    @Test
    void shouldFailWhenTheSchemaWasNeverCreated() {
        warehouse.dropAllTables();

        JsonPath run = Jobs.runEtl(SampleSources.write(root));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).isEqualTo("the warehouse has no tables yet: POST /schema/reset first");
    }

    @Test
    void shouldRejectALocalPathOutsideTheAllowedRoots() {
        given().contentType(ContentType.JSON).body("{\"songData\":\"target/test-data/../../pom.xml\"}")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:invalid-source"))
                .body("parameter", equalTo("songData"))
                .body("detail", equalTo("songData 'target/test-data/../../pom.xml': local paths must lie inside "
                        + "sparkify.source.allowed-local-roots (environment variable SPARKIFY_SOURCE_ALLOWED_LOCAL_ROOTS), "
                        + "a comma-separated list of directories read at start-up: add the directory and restart the "
                        + "service"));
    }

    @Test
    void shouldRejectASymbolicLinkThatLeavesTheAllowedRoots() throws Exception {
        Path outside = Files.createTempDirectory("outside-roots");
        Path link = Files.createSymbolicLink(root.resolve("escape"), outside);

        given().contentType(ContentType.JSON).body("{\"logData\":\"" + link.toAbsolutePath() + "\"}")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .body("parameter", equalTo("logData"))
                .body("detail", containsString("allowed-local-roots"));
    }

    @Test
    void shouldRejectAJsonPathsFileUnderTheLogFolder() {
        given().contentType(ContentType.JSON).body("{\"logData\":\"s3://udacity-dend/log_data\","
                + "\"logJsonPaths\":\"s3://udacity-dend/log_data/log_json_path.json\"}")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .body("type", equalTo("urn:sparkify:problem:invalid-source"))
                .body("parameter", equalTo("logJsonPaths"))
                .body("detail", containsString("lies under logData s3://udacity-dend/log_data/"));
    }

    @Test
    void shouldRejectAnUnsupportedScheme() {
        given().contentType(ContentType.JSON).body("{\"logData\":\"ftp://example.com/log_data\"}")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .body("parameter", equalTo("logData"))
                .body("detail", containsString("unsupported scheme 'ftp'"));
    }

    @Test
    void shouldRejectAnUnknownBodyField() {
        given().contentType(ContentType.JSON).body("{\"songdata\":\"s3://udacity-dend/song_data\"}")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:invalid-body"))
                .body("parameter", equalTo("songdata"));
    }

    @Test
    void shouldRejectAFieldOfTheWrongType() {
        given().contentType(ContentType.JSON).body("{\"songData\": 5}")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .body("type", equalTo("urn:sparkify:problem:invalid-body"))
                .body("parameter", equalTo("songData"))
                .body("detail", equalTo("field 'songData' has the wrong type"));
    }

    @Test
    void shouldRejectABodyThatIsNotJson() {
        given().contentType(ContentType.JSON).body("{\"songData\": ")
                .when().post("/etl/runs")
                .then().statusCode(400)
                .body("type", equalTo("urn:sparkify:problem:invalid-body"))
                .body("detail", equalTo("the request body is not valid JSON"));
    }

    @Test
    void shouldCountRunsAndStagedRowsInMetrics() {
        Jobs.runEtl(SampleSources.write(root));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("sparkify_jobs_total\\{[^}]*status=\"SUCCEEDED\"[^}]*type=\"ETL_RUN\"[^}]*} [1-9]")
                .containsPattern("sparkify_jobs_duration_seconds_count\\{[^}]*type=\"ETL_RUN\"")
                .containsPattern("sparkify_etl_rows_staged_total\\{table=\"staging_events\"} [1-9]")
                .contains("sparkify_etl_objects_read_total")
                .contains("sparkify_etl_load_errors_total");
        // Every one of the service's own metrics says what it counts.
        assertThat(metrics.lines().filter(line -> line.startsWith("# HELP sparkify_")))
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(help -> assertThat(help).matches("# HELP sparkify_\\w+ \\S.*"));
    }

    @Test
    void shouldAnswer404ForAnUnknownRun() {
        given().when().get("/etl/runs/no-such-run")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:not-found"))
                .body("detail", equalTo("no ETL run with id no-such-run"));
    }

    @Test
    void shouldListRunsNewestFirstFilteredByStatus() {
        String body = SampleSources.write(root);
        String first = Jobs.runEtl(body).getString("id");
        String second = Jobs.runEtl(body).getString("id");

        List<String> ids = given().queryParam("status", "SUCCEEDED").queryParam("limit", 2)
                .when().get("/etl/runs")
                .then().statusCode(200)
                .extract().jsonPath().getList("id", String.class);

        assertThat(ids).containsExactly(second, first);
    }

    @Test
    void shouldRejectALimitOutOfRange() {
        given().queryParam("limit", 0).when().get("/etl/runs")
                .then().statusCode(400)
                .body("parameter", equalTo("limit"));
    }
}
