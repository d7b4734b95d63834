package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The analytics endpoints before any load, on a warehouse that was never created, and across the
 * resets and ETL runs that must drop cached answers.
 */
@QuarkusTest
class AnalyticsWarehouseStateTest {

    @Inject
    WarehouseQueries warehouse;

    @BeforeEach
    void resetOnly() {
        Jobs.awaitIdle();
        Jobs.resetSchema();
    }

    @ParameterizedTest
    @ValueSource(strings = { "top-songs", "top-artists", "active-users", "plays-by-hour", "plays-by-weekday",
        "levels", "top-locations", "user-agents" })
    void shouldAnswerEmptyArrayBeforeAnyLoad(String endpoint) {
        given().when().get("/analytics/" + endpoint)
                .then().statusCode(200).contentType(ContentType.JSON).body(equalTo("[]"));
    }

    @Test
    void shouldAnswerCsvHeaderOnlyBeforeAnyLoad() {
        given().accept("text/csv").when().get("/analytics/plays-by-hour")
                .then().statusCode(200).body(equalTo("hour,plays\r\n"));
    }

    @Test
    void shouldSummarizeZeroCountsWithoutRunBeforeAnyLoad() {
        // The reset came after any earlier run, so no run's data is in the tables.
        AnalyticsResourceTest.assertRows("/analytics/summary", """
                [{"stagingEvents":0,"stagingSongs":0,"songplays":0,"songplaysWithSong":0,"users":0,"songs":0,"artists":0,"time":0,
                  "lastRunId":null,"lastRunFinishedAt":null}]""");
    }

    @ParameterizedTest
    @ValueSource(strings = { "top-songs", "top-artists", "active-users", "plays-by-hour", "plays-by-weekday",
        "levels", "top-locations", "user-agents", "summary" })
    void shouldAnswer409WhenWarehouseWasNeverCreated(String endpoint) {
        // The reset before this test emptied the cache, and nothing was asked since.
        warehouse.dropAllTables();
        try {
            given().when().get("/analytics/" + endpoint)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:sparkify:problem:warehouse-missing"))
                    .body("detail", containsString("POST /schema/reset"))
                    .body("instance", equalTo("/analytics/" + endpoint));
        } finally {
            Jobs.resetSchema();
        }
    }

    @Test
    void shouldForgetCachedRowsAfterReset() {
        AnalyticsFixture.load();
        String loaded = AnalyticsResourceTest.etag("/analytics/top-songs", AnalyticsResourceTest.JSON);
        given().when().get("/analytics/top-songs").then().statusCode(200).body("size()", equalTo(4));

        Jobs.resetSchema();

        given().header("If-None-Match", loaded).when().get("/analytics/top-songs")
                .then().statusCode(200).body(equalTo("[]"));
    }

    @Test
    void shouldServeNewRowsAfterEtlRun() {
        given().when().get("/analytics/levels").then().statusCode(200).body(equalTo("[]"));
        String empty = AnalyticsResourceTest.etag("/analytics/levels", AnalyticsResourceTest.JSON);

        String location = Jobs.startEtl(AnalyticsFixture.etlRequest(AnalyticsFixture.write().root()));
        assertThat(Jobs.await(location).getString("status")).isEqualTo("SUCCEEDED");

        // Same answer as AnalyticsResourceTest#shouldCountUserWhoChangedLevelUnderBothLevels.
        given().header("If-None-Match", empty).when().get("/analytics/levels")
                .then().statusCode(200)
                .body("level", equalTo(List.of("free", "paid")))
                .body("plays", equalTo(List.of(7, 4)));
    }

    @Test
    void shouldSummarizeNewRunAfterEtlRun() {
        given().when().get("/analytics/summary").then().statusCode(200).body("[0].lastRunId", equalTo(null));

        String location = Jobs.startEtl(AnalyticsFixture.etlRequest(AnalyticsFixture.write().root()));
        String runId = Jobs.await(location).getString("id");

        // 11 songplays, as counted in AnalyticsResourceTest#shouldSummarizeTableCountsAndLastRun.
        given().when().get("/analytics/summary")
                .then().statusCode(200)
                .body("[0].songplays", equalTo(11))
                .body("[0].lastRunId", equalTo(runId));
    }
}
