package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.List;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /etl/ledger} after a full run of the hand-made sample (4 song files, 2 days of logs), its
 * paging and prefix, problem+json on bad parameters; and the run's {@code mode}: default, requested, and
 * a bad one refused naming the field.
 */
@QuarkusTest
class LedgerResourceTest {

    private Path root;

    @BeforeEach
    void fresh() throws Exception {
        Jobs.awaitIdle();
        root = Fixtures.newRoot("ledger");
        Jobs.resetSchema();
    }

    @Test
    void shouldListEveryLoadedObjectByKeyWithTheRunThatLoadedIt() {
        assertThat(ledger("", 100, 0).getLong("total")).isZero(); // reset empties it

        JsonPath run = Jobs.runEtl(SampleSources.write(root));
        assertThat(run.getString("mode")).isEqualTo("full");

        JsonPath all = ledger("", 100, 0);
        assertThat(all.getLong("total")).isEqualTo(6);
        List<String> keys = all.getList("items.key", String.class);
        assertThat(keys).hasSize(6).isSorted();
        assertThat(keys).filteredOn(k -> k.startsWith("log_data/")).hasSize(2);
        assertThat(all.getList("items.runId", String.class)).containsOnly(run.getString("id"));
        assertThat(all.getString("items[0].source")).startsWith("file:///").contains("/ledger-");
        assertThat(all.getLong("items[0].size")).isPositive();
        assertThat(all.getString("items[0].etag")).isNotBlank(); // a local file's modification time
        assertThat(all.getString("items[0].loadedAt")).isNotBlank();
        // Two objects of each kind were staged together: no count is the one object's.
        assertThat(all.getList("items.rows")).containsOnlyNulls();

        JsonPath logs = ledger("log_data/", 1, 1);
        assertThat(logs.getLong("total")).isEqualTo(2);
        assertThat(logs.getList("items.key", String.class)).containsExactly(keys.stream()
                .filter(k -> k.startsWith("log_data/")).toList().get(1));
    }

    @Test
    void shouldRecordTheRowsOfTheOnlyObjectAnIncrementalRunLoaded() {
        Fixtures f = new Fixtures(root);
        Jobs.runEtl(SampleSources.write(root));
        f.events("2018-11-03", List.of(Fixtures.event("30", "Cy", "free", "NextSong", "Cleo", "Gamma", 150.0,
                7, 0, SampleSources.T1 + 86_400_000L)));

        JsonPath run = Jobs.runEtl(SampleSources.body(root).replace("}", ",\"mode\":\"incremental\"}"));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("mode")).isEqualTo("incremental");
        assertThat(run.getString("details.incremental"))
                .isEqualTo("0 new and 0 changed song objects; 1 new and 0 changed log objects");
        assertThat(run.getInt("tableCounts.songplays")).isEqualTo(7);
        JsonPath day = ledger("log_data/2018/11/2018-11-03", 10, 0);
        assertThat(day.getList("items.rows", Integer.class)).containsExactly(1);
        assertThat(day.getString("items[0].runId")).isEqualTo(run.getString("id"));
    }

    @Test
    void shouldRefuseBadParametersAsProblems() {
        for (String[] bad : new String[][] { { "limit", "0" }, { "limit", "1001" }, { "offset", "-1" } }) {
            given().queryParam(bad[0], bad[1]).when().get("/etl/ledger").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:sparkify:problem:invalid-parameter"))
                    .body("parameter", equalTo(bad[0]));
        }
    }

    @Test
    void shouldRefuseAModeThatIsNotOneNamingIt() {
        given().contentType(ContentType.JSON).body("{\"mode\":\"sideways\"}").when().post("/etl/runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:invalid-parameter"))
                .body("parameter", equalTo("mode"))
                .body("detail", equalTo("mode must be \"full\" or \"incremental\", not \"sideways\""));
    }

    private static JsonPath ledger(String prefix, int limit, int offset) {
        return given().queryParam("prefix", prefix).queryParam("limit", limit).queryParam("offset", offset)
                .when().get("/etl/ledger").then().statusCode(200).extract().jsonPath();
    }
}
