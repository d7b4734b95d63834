package com.sparkify.warehouse.warehouse.redshift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Reset, ETL and analytics queries on a real Redshift cluster. Skipped unless
 * {@code SPARKIFY_LIVE_REDSHIFT_URL} is set, and excluded from the default build by its tag: run with
 * {@code ./mvnw test -Predshift-live} (see docs/redshift.md for the variables).
 */
@QuarkusTest
@TestProfile(RedshiftLiveProfile.class)
@Tag("redshift-live")
@EnabledIfEnvironmentVariable(named = "SPARKIFY_LIVE_REDSHIFT_URL", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedshiftLiveTest {

    private static final Duration ETL_TIMEOUT = Duration.ofMinutes(
            Long.parseLong(RedshiftLiveProfile.env("SPARKIFY_LIVE_TIMEOUT_MINUTES", "30")));

    @Inject
    Warehouse warehouse;

    @Test
    @Order(1)
    void shouldResetTheSchemaOnRedshift() {
        assertThat(warehouse.engine()).isEqualTo("redshift");

        JsonPath reset = Jobs.resetSchema();

        assertThat(reset.getMap("tableCounts")).containsOnlyKeys("staging_events", "staging_songs", "songplays",
                "users", "songs", "artists", "time", "songplaysWithSong");
    }

    @Test
    @Order(2)
    void shouldStageWithCopyTransformAndPassEveryCheck() {
        JsonPath run = await(Jobs.startEtl(null));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getList("steps.name")).containsSubsequence("list_sources", "stage_songs", "stage_events",
                "load_songplays", "quality_checks");
        Map<String, Integer> staged = run.getMap("progress.rowsStaged");
        assertThat(staged.get("staging_songs")).isPositive();
        assertThat(staged.get("staging_events")).isPositive();
        assertThat(run.getList("checks.passed", Boolean.class)).isNotEmpty().containsOnly(true);
        assertThat(run.getLong("tableCounts.songplays")).isPositive();
    }

    @Test
    @Order(3)
    void shouldAnswerAnalyticsQueriesOnTheStarSchema() throws Exception {
        List<Object[]> topSongs = query("""
                SELECT s.title, a.name, COUNT(*) AS plays
                FROM songplays sp
                JOIN songs s ON s.song_id = sp.song_id
                JOIN artists a ON a.artist_id = sp.artist_id
                GROUP BY s.title, a.name
                ORDER BY plays DESC, s.title
                LIMIT 5""");
        List<Object[]> byHour = query("""
                SELECT t.hour, COUNT(*) FROM songplays sp JOIN time t ON t.start_time = sp.start_time
                GROUP BY t.hour ORDER BY t.hour""");
        List<Object[]> byLevel = query("SELECT level, COUNT(*) FROM songplays GROUP BY level ORDER BY level");

        assertThat(byHour).isNotEmpty().allSatisfy(r -> assertThat(((Number) r[0]).intValue()).isBetween(0, 23));
        assertThat(byLevel).extracting(r -> r[0]).containsAnyOf("free", "paid");
        // The default song slice matches only some events, so the top list may be short but must be sane.
        assertThat(topSongs).allSatisfy(r -> assertThat(((Number) r[2]).longValue()).isPositive());
    }

    @Test
    @Order(4)
    void shouldListBadRecordsFromTheSystemViewsWhenARunFails() {
        String badLogs = System.getenv("SPARKIFY_LIVE_BAD_LOG_DATA");
        Assumptions.assumeTrue(badLogs != null && !badLogs.isBlank(),
                "SPARKIFY_LIVE_BAD_LOG_DATA (an s3:// prefix with a malformed event) is not set");

        JsonPath run = await(given().contentType(ContentType.JSON).body("{\"logData\":\"" + badLogs + "\"}")
                .when().post("/etl/runs").then().statusCode(202).header("Location", notNullValue())
                .extract().header("Location"));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("staging_events").contains("exceed sparkify.etl.max-errors");
        assertThat(run.getList("loadErrors.object", String.class)).isNotEmpty();
        assertThat(run.getList("loadErrors.line", Long.class)).allSatisfy(line -> assertThat(line).isPositive());
    }

    private List<Object[]> query(String sql) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A full COPY takes longer than the minute {@link Jobs#await} allows. */
    private static JsonPath await(String location) {
        Instant deadline = Instant.now().plus(ETL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = given().when().get(location).then().statusCode(200).extract().jsonPath();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.getString("status"))) {
                return job;
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("job at " + location + " did not end within " + ETL_TIMEOUT);
    }
}
