package com.sparkify.warehouse.warehouse.redshift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.Waits;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The check a user with AWS runs in one command ({@code ./mvnw verify -Predshift-live}, docs/redshift.md):
 * on the user's own cluster or Serverless workgroup, reset, load the whole Udacity bucket and compare the
 * warehouse with the figures the analysts published for it, then make a run fail on a bad record and
 * cancel another, and see the warehouse unchanged by both.
 */
@QuarkusTest
@TestProfile(RedshiftLiveProfile.class)
@Tag("redshift-live")
@ExtendWith(LiveRedshift.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedshiftLiveTest {

    /** A full load of the bucket; the load-error and cancel runs take less. */
    private static final Duration ETL_TIMEOUT = Duration.ofMinutes(
            Long.parseLong(RedshiftLiveProfile.env("SPARKIFY_LIVE_TIMEOUT_MINUTES", "60")));
    /** A small slice of the song data, for the runs that are not about the figures. */
    private static final String FEW_SONGS = RedshiftLiveProfile.SONG_DATA + "/A/A/A/";
    private static final String SONGPLAYS = "6820";

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
    void shouldLoadTheWholeBucketToTheAnalystsPublishedFigures() throws Exception {
        JsonPath run = await(Jobs.startEtl(null));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getList("steps.name")).containsSubsequence("list_sources", "stage_songs", "stage_events",
                "load_songplays", "quality_checks");
        assertThat(run.getList("checks.passed", Boolean.class)).isNotEmpty().containsOnly(true);

        // The figures the analysts published for the whole bucket (shared data README), worked out
        // independently of this service.
        assertThat(counts()).isEqualTo(Map.of("staging_events", "8056", "staging_songs", "14896",
                "songplays", SONGPLAYS, "songplays_with_song", "319", "users", "96", "paid_users", "22",
                "free_users", "74", "songs", "14896", "artists", "9553", "time", "6813"));
        assertThat(query("""
                SELECT s.title, a.name, COUNT(*) AS plays
                FROM songplays sp
                JOIN songs s ON s.song_id = sp.song_id
                JOIN artists a ON a.artist_id = sp.artist_id
                GROUP BY s.title, a.name
                ORDER BY plays DESC, s.title
                LIMIT 5""")).containsExactly(
                row("You're The One", "Dwight Yoakam", "37"),
                row("Catch You Baby (Steve Pitron & Max Sanna Radio Edit)", "Lonnie Gordon", "9"),
                row("I CAN'T GET STARTED", "Ron Carter", "9"),
                row("Nothin' On You [feat. Bruno Mars] (Album Version)", "B.o.B", "8"),
                row("Hey Daddy (Daddy's Home)", "Usher", "6"));
    }

    @Test
    @Order(3)
    void shouldFailARunOnABadRecordNamingItsObjectAndLineAndKeepTheWarehouse() throws Exception {
        URI scratch = URI.create(RedshiftLiveProfile.env("SPARKIFY_LIVE_SCRATCH", ""));
        String folder = scratch.getPath() == null ? "" : scratch.getPath().replaceAll("^/+|/+$", "");
        String prefix = (folder.isEmpty() ? "" : folder + "/") + "sparkify-live-" + UUID.randomUUID() + "/";
        String key = prefix + "events.json";
        // Two good NextSong events, then one that is not JSON (a comma is missing) on line 3.
        String events = event("You're The One", 1541105830796L) + "\n"
                + event("Hey Daddy (Daddy's Home)", 1541106106796L) + "\n"
                + "{\"artist\":\"Broken\" \"ts\":1541106352796}\n";
        Region region = Region.of(RedshiftLiveProfile.env("SPARKIFY_LIVE_REDSHIFT_REGION", "us-west-2"));
        try (S3Client s3 = S3Client.builder().region(region).build()) {
            s3.putObject(r -> r.bucket(scratch.getHost()).key(key), RequestBody.fromString(events));
            try {
                JsonPath run = await(given().contentType(ContentType.JSON)
                        .body("{\"songData\":\"" + FEW_SONGS + "\",\"logData\":\"s3://" + scratch.getHost() + "/"
                                + prefix + "\"}")
                        .when().post("/etl/runs").then().statusCode(202).header("Location", notNullValue())
                        .extract().header("Location"));

                assertThat(run.getString("status")).as(run.prettify()).isEqualTo("FAILED");
                assertThat(run.getString("error")).contains("staging_events")
                        .contains("exceed sparkify.etl.max-errors=0");
                assertThat(run.getList("loadErrors.object", String.class)).containsExactly(key);
                assertThat(run.getList("loadErrors.line", Long.class)).containsExactly(3L);
            } finally {
                s3.deleteObject(r -> r.bucket(scratch.getHost()).key(key));
            }
        }
        assertThat(count("songplays")).as("the failed run changed nothing").isEqualTo(SONGPLAYS);
    }

    @Test
    @Order(4)
    void shouldCancelARunWhileCopyRunsAndKeepTheWarehouse() throws Exception {
        String location = Jobs.startEtl(null);
        awaitStep(location, "stage_songs");

        given().when().delete(location).then().statusCode(202);
        JsonPath run = await(location);

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("CANCELLED");
        assertThat(count("songplays")).as("the cancelled run changed nothing").isEqualTo(SONGPLAYS);
    }

    private static String event(String song, long ts) {
        return "{\"artist\":\"Live Check\",\"auth\":\"Logged In\",\"firstName\":\"Live\",\"gender\":\"F\","
                + "\"itemInSession\":0,\"lastName\":\"Check\",\"length\":200.0,\"level\":\"free\","
                + "\"location\":\"Nowhere\",\"method\":\"PUT\",\"page\":\"NextSong\",\"registration\":1540000000000.0,"
                + "\"sessionId\":1,\"song\":\"" + song + "\",\"status\":200,\"ts\":" + ts
                + ",\"userAgent\":\"live check\",\"userId\":\"9001\"}";
    }

    private Map<String, String> counts() throws Exception {
        Map<String, String> counts = new TreeMap<>();
        query("""
                SELECT 'staging_events', COUNT(*) FROM staging_events
                UNION ALL SELECT 'staging_songs', COUNT(*) FROM staging_songs
                UNION ALL SELECT 'songplays', COUNT(*) FROM songplays
                UNION ALL SELECT 'songplays_with_song', COUNT(*) FROM songplays WHERE song_id IS NOT NULL
                UNION ALL SELECT 'users', COUNT(*) FROM users
                UNION ALL SELECT 'paid_users', COUNT(*) FROM users WHERE level = 'paid'
                UNION ALL SELECT 'free_users', COUNT(*) FROM users WHERE level = 'free'
                UNION ALL SELECT 'songs', COUNT(*) FROM songs
                UNION ALL SELECT 'artists', COUNT(*) FROM artists
                UNION ALL SELECT 'time', COUNT(*) FROM time""").forEach(r -> counts.put(r.get(0), r.get(1)));
        return counts;
    }

    private String count(String table) throws Exception {
        return query("SELECT COUNT(*) FROM " + table).get(0).get(0);
    }

    private static List<String> row(String... values) {
        return List.of(values);
    }

    private List<List<String>> query(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Waits until the run is in {@code step}, e.g. while COPY reads the song data. */
    private static void awaitStep(String location, String step) {
        Waits.waitFor("job at " + location + " to reach " + step, ETL_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonPath job = given().when().get(location).then().statusCode(200).extract().jsonPath();
                    assertThat(job.getString("status")).as("the run ended before " + step).isIn("QUEUED", "RUNNING");
                    List<Map<String, Object>> steps = job.getList("steps");
                    return steps != null && steps.stream()
                            .anyMatch(s -> step.equals(s.get("name")) && "RUNNING".equals(s.get("status")));
                }, Boolean::booleanValue);
    }

    /** A full COPY takes longer than the minute {@link Jobs#await} allows. */
    private static JsonPath await(String location) {
        return Waits.waitFor("job at " + location + " to end", ETL_TIMEOUT).pollInterval(Duration.ofSeconds(2))
                .until(() -> given().when().get(location).then().statusCode(200).extract().jsonPath(),
                        job -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.getString("status")));
    }
}
