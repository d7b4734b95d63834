package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Schema reset and description over HTTP.
 */
@QuarkusTest
class SchemaResourceTest {

    @Inject
    WarehouseQueries warehouse;

    @BeforeEach
    void idle() {
        Jobs.awaitIdle();
    }

    @Test
    void shouldCreateEveryTableWithItsColumnsOnAFreshWarehouse() {
        warehouse.dropAllTables();

        Jobs.resetSchema();

        JsonPath tables = given().when().get("/schema").then().statusCode(200).extract().jsonPath();
        assertThat(tables.getList("name")).containsExactly("staging_events", "staging_songs", "songplays", "users",
                "songs", "artists", "time");
        assertThat(tables.getList("kind")).containsExactly("staging", "staging", "fact", "dimension", "dimension",
                "dimension", "dimension");
        assertThat(tables.getList("find { it.name == 'staging_events' }.columns.name")).containsExactly(
                "artist", "auth", "first_name", "gender", "item_in_session", "last_name", "length", "level",
                "location", "method", "page", "registration", "session_id", "song", "status", "ts", "user_agent",
                "user_id");
        assertThat(tables.getList("find { it.name == 'staging_songs' }.columns.name")).containsExactly(
                "num_songs", "artist_id", "artist_latitude", "artist_longitude", "artist_location", "artist_name",
                "song_id", "title", "duration", "year");
        assertThat(tables.getList("find { it.name == 'songplays' }.columns.name")).containsExactly(
                "songplay_id", "start_time", "user_id", "level", "song_id", "artist_id", "session_id",
                "item_in_session", "location", "user_agent");
        assertThat(tables.getList("find { it.name == 'users' }.columns.name")).containsExactly(
                "user_id", "first_name", "last_name", "gender", "level");
        assertThat(tables.getList("find { it.name == 'songs' }.columns.name")).containsExactly(
                "song_id", "title", "artist_id", "year", "duration");
        assertThat(tables.getList("find { it.name == 'artists' }.columns.name")).containsExactly(
                "artist_id", "name", "location", "latitude", "longitude");
        assertThat(tables.getList("find { it.name == 'time' }.columns.name")).containsExactly(
                "start_time", "hour", "day", "week", "month", "year", "weekday");
        assertThat(tables.getString("find { it.name == 'staging_events' }.columns.find { it.name == 'ts' }.type"))
                .isEqualTo("TIMESTAMP");
        assertThat(tables.getList("rows", Integer.class)).containsOnly(0);
    }

    @Test
    void shouldLeaveEmptyTablesWhenResetAfterALoad() throws Exception {
        Jobs.resetSchema();
        Path root = Fixtures.newRoot("schema");
        assertThat(Jobs.runEtl(SampleSources.write(root)).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(warehouse.count("songplays")).isEqualTo(6);

        JsonPath reset = Jobs.resetSchema();

        assertThat(reset.getMap("tableCounts")).isEqualTo(Map.of("staging_events", 0, "staging_songs", 0,
                "songplays", 0, "users", 0, "songs", 0, "artists", 0, "time", 0, "songplaysWithSong", 0));
        for (String table : List.of("staging_events", "staging_songs", "songplays", "users", "songs", "artists",
                "time")) {
            assertThat(warehouse.count(table)).as(table).isZero();
        }
    }

    @Test
    void shouldAnswer202WithLocationAndQueuedJob() {
        String location = given().when().post("/schema/reset")
                .then().statusCode(202)
                .header("Location", notNullValue())
                .body("type", equalTo("SCHEMA_RESET"))
                .body("status", equalTo("QUEUED"))
                .body("id", notNullValue())
                .body("createdAt", notNullValue())
                .extract().header("Location");

        JsonPath job = Jobs.await(location);

        assertThat(location).endsWith("/jobs/" + job.getString("id"));
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("startedAt")).isNotNull();
        assertThat(job.getString("finishedAt")).isNotNull();
        assertThat(job.getList("steps.name")).containsExactly("drop_tables", "create_tables");
    }

    @Test
    void shouldKeepJobHistoryAcrossResets() {
        String first = Jobs.resetSchema().getString("id");
        String second = Jobs.resetSchema().getString("id");

        List<String> ids = given().queryParam("type", "SCHEMA_RESET").queryParam("limit", 2)
                .when().get("/jobs").then().statusCode(200).extract().jsonPath().getList("id", String.class);

        assertThat(ids).containsExactly(second, first);
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownJob() {
        given().when().get("/jobs/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:not-found"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/jobs/00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void shouldAnswerProblemJsonForAnUnknownPath() {
        given().when().get("/no/such/resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:not-found"))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void shouldRejectAnUnknownJobStatusFilter() {
        given().queryParam("status", "DONE").when().get("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("status"))
                .body("detail", equalTo("status must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED"));
    }
}
