package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Bad records with {@code max-errors=2}: up to two are skipped and reported, a third fails the run.
 * Strings longer than their column are errors here (truncate-columns off).
 */
@QuarkusTest
@TestProfile(DuckDbStagerLoadErrorsTest.TwoErrorsAllowed.class)
class DuckDbStagerLoadErrorsTest {

    /** Allows two bad records and rejects over-long strings. */
    public static class TwoErrorsAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sparkify.etl.max-errors", "2", "sparkify.etl.truncate-columns", "false");
        }
    }

    private static final String BAD_TYPE = "{\"artist\": \"Cleo\", \"itemInSession\": \"three\"}";
    private static final String NOT_JSON = "this line is not JSON";

    @Inject
    WarehouseQueries warehouse;

    private Path root;

    @BeforeEach
    void fixtures() throws Exception {
        Jobs.awaitIdle();
        root = Fixtures.newRoot("errors");
        SampleSources.write(root);
        Jobs.resetSchema();
    }

    @Test
    void shouldSkipAndReportUpToMaxErrorsBadRecords() {
        new Fixtures(root).write("log_data/2018/11/2018-11-03-events.json", String.join("\n", List.of(
                Fixtures.event("20", "Bea", "free", "NextSong", "Cleo", "Gamma", 150.0, 7, 0, SampleSources.T1 + 5),
                BAD_TYPE,
                NOT_JSON,
                Fixtures.event("20", "Bea", "free", "NextSong", "Cleo", "Gamma", 150.0, 7, 1, SampleSources.T1 + 9))));

        JsonPath run = Jobs.runEtl(SampleSources.body(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("loadErrorCount")).isEqualTo(2);
        assertThat(run.getList("loadErrors")).containsExactlyInAnyOrder(
                Map.of("table", "staging_events", "object", "log_data/2018/11/2018-11-03-events.json", "line", 2,
                        "column", "itemInSession", "reason", "not an integer: \"three\"", "raw", BAD_TYPE),
                Map.of("table", "staging_events", "object", "log_data/2018/11/2018-11-03-events.json", "line", 3,
                        "reason", "expected a JSON object", "raw", NOT_JSON));
        // 8 sample events + the 2 good lines; 6 + 2 plays, both of Gamma (SOCCC3).
        assertThat(run.getInt("tableCounts.staging_events")).isEqualTo(10);
        assertThat(warehouse.single("SELECT COUNT(*) FROM songplays WHERE song_id = 'SOCCC3'")).isEqualTo(2);
    }

    @Test
    void shouldRejectAnEventWithoutATimeAsALoadErrorAndNameKeysThatAreNotJson() {
        String nullTs = "{\"artist\": \"Cleo\", \"page\": \"NextSong\", \"ts\": null, \"userId\": \"20\"}";
        String noTs = "{\"artist\": \"Cleo\", \"page\": \"NextSong\", \"userId\": \"20\"}";
        Fixtures files = new Fixtures(root);
        files.write("log_data/2018/11/2018-11-03-events.json", String.join("\n", List.of(
                Fixtures.event("20", "Bea", "free", "NextSong", "Cleo", "Gamma", 150.0, 7, 0, SampleSources.T1 + 5),
                nullTs, noTs)));
        files.write("log_data/README.txt", "not an event log");

        JsonPath run = Jobs.runEtl(SampleSources.body(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        String reason = "missing, null or empty, but the column is NOT NULL";
        assertThat(run.getList("loadErrors")).containsExactlyInAnyOrder(
                Map.of("table", "staging_events", "object", "log_data/2018/11/2018-11-03-events.json", "line", 2,
                        "column", "ts", "reason", reason, "raw", nullTs),
                Map.of("table", "staging_events", "object", "log_data/2018/11/2018-11-03-events.json", "line", 3,
                        "column", "ts", "reason", reason, "raw", noTs));
        assertThat(warehouse.single("SELECT COUNT(*) FROM staging_events WHERE ts IS NULL")).isEqualTo(0);
        assertThat(run.getString("details.logData_not_json")).isEqualTo("1 object under "
                + "file://" + root.resolve("log_data").toAbsolutePath().normalize()
                + " not loaded because the key does not end in .json: log_data/README.txt");
    }

    @Test
    void shouldFailWhenBadRecordsExceedMaxErrors() {
        new Fixtures(root).write("log_data/2018/11/2018-11-03-events.json",
                String.join("\n", List.of(BAD_TYPE, NOT_JSON, "{\"artist\": \"cut off")));

        JsonPath run = Jobs.runEtl(SampleSources.body(root));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getInt("loadErrorCount")).isEqualTo(3);
        assertThat(run.getString("error")).startsWith("staging_events: 3 bad records exceed sparkify.etl.max-errors=2");
        assertThat(run.getString("loadErrors.find { it.line == 3 }.reason"))
                .isEqualTo("truncated record: the file ends inside a JSON object");
        assertThat(warehouse.count("songplays")).isZero();
    }

    @Test
    void shouldReportAValueLongerThanItsColumn() {
        String longTitle = "x".repeat(513);
        new Fixtures(root).song("TRZZZ0009", "SOZZZ9", longTitle, "ARZ", "Zed", 10.0, 0);

        JsonPath run = Jobs.runEtl(SampleSources.body(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("loadErrors[0].object")).isEqualTo("song_data/Z/Z/Z/TRZZZ0009.json");
        assertThat(run.getString("loadErrors[0].column")).isEqualTo("title");
        assertThat(run.getString("loadErrors[0].reason"))
                .isEqualTo("value too long: 513 bytes, column title holds 512");
        assertThat(run.getInt("tableCounts.staging_songs")).isEqualTo(4);
    }
}
