package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Without {@code sparkify.etl.schedule} (the default) the service starts no run by itself, and says so. */
@QuarkusTest
class ScheduleOffTest {

    @Test
    void shouldSayNoScheduleIsSetAndWhatToSet() {
        JsonPath state = given().when().get("/etl/schedule").then().statusCode(200).extract().jsonPath();

        assertThat(state.getBoolean("enabled")).isFalse();
        assertThat(state.getString("cron")).isNull();
        assertThat(state.getString("nextFireAt")).isNull();
        assertThat(state.getString("lastFiredAt")).isNull();
        assertThat(state.getString("lastOutcome")).isNull();
        assertThat(state.getString("mode")).isEqualTo("incremental");
        assertThat(state.getMap("skipped")).isEqualTo(Map.of("job-running", 0, "never-reset", 0,
                "mode-unavailable", 0));
        assertThat(state.getString("note")).startsWith("no schedule is set: set sparkify.etl.schedule "
                + "(SPARKIFY_ETL_SCHEDULE) to a cron expression");
        // The keys are there, with null values: a client reads "no schedule", not a missing field.
        assertThat(state.getMap("$")).containsKeys("cron", "nextFireAt", "lastFiredAt", "lastOutcome");
    }
}
