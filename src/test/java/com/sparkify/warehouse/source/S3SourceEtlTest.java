package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.S3ProxyResource;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * ETL runs reading a real S3 endpoint (S3Proxy in-process): paginated listings, missing buckets and
 * prefixes.
 */
@QuarkusTest
@WithTestResource(S3ProxyResource.class)
class S3SourceEtlTest {

    private static final String BUCKET = "sparkify-test";

    @Inject
    SparkifyConfig config;

    @Inject
    WarehouseQueries warehouse;

    private S3Client s3;
    private String endpoint;

    @BeforeEach
    void bucket() {
        Jobs.awaitIdle();
        s3 = SourceService.buildS3(config.source().s3(), 4);
        endpoint = config.source().s3().endpointOverride().orElseThrow();
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(CreateBucketRequest.builder().bucket(BUCKET).build());
        }
        Jobs.resetSchema();
    }

    @AfterEach
    void close() {
        s3.close();
    }

    private void put(String key, String content) {
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), RequestBody.fromString(content));
    }

    private static String body(String prefix) {
        return "{\"songData\":\"s3://" + BUCKET + "/" + prefix + "/song_data\",\"logData\":\"s3://" + BUCKET + "/"
                + prefix + "/log_data\",\"logJsonPaths\":\"s3://" + BUCKET + "/" + prefix + "/log_json_path.json\"}";
    }

    @Test
    void shouldStageEverySongOfAListingLongerThanOnePage() {
        // 1,203 song files: S3 lists 1,000 keys per page, so the run must follow the continuation token.
        int songs = 1203;
        for (int i = 0; i < songs; i++) {
            String id = String.format("%05d", i);
            put("many/song_data/A/B/C/TRABC" + id + ".json", "{\"num_songs\": 1, \"artist_id\": \"AR" + (i % 7)
                    + "\", \"artist_latitude\": null, \"artist_longitude\": null, \"artist_location\": \"\", "
                    + "\"artist_name\": \"Artist " + (i % 7) + "\", \"song_id\": \"SO" + id + "\", \"title\": \"Song "
                    + id + "\", \"duration\": 100.5, \"year\": 0}");
        }
        List<String> lines = new ArrayList<>();
        lines.add(Fixtures.event("5", "Eve", "free", "NextSong", "Artist 3", "Song 00010", 100.5, 1, 0,
                1541030400000L));
        lines.add(Fixtures.event("5", "Eve", "free", "NextSong", "Artist 4", "Song 00011", 100.5, 1, 1,
                1541030460000L));
        put("many/log_data/2018/11/2018-11-01-events.json", String.join("\n", lines));
        put("many/log_json_path.json", Fixtures.JSONPATHS);

        JsonPath run = Jobs.runEtl(body("many"));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("progress.objectsListed")).isEqualTo(songs + 1);
        assertThat(run.getInt("tableCounts.staging_songs")).isEqualTo(songs);
        assertThat(run.getInt("tableCounts.artists")).isEqualTo(7);
        assertThat(warehouse.rows("SELECT song_id FROM songplays ORDER BY songplay_id"))
                .containsExactly(List.of("SO00010"), List.of("SO00011"));
        // The request's prefix is a folder: COPY and the listing read song_data/, never song_data_old/.
        assertThat(run.getString("sources.songData")).isEqualTo("s3://" + BUCKET + "/many/song_data/");
        assertThat(run.getMap("details")).as("DuckDB's reader is for local logs only").isNull();
    }

    /**
     * An incremental run over S3 takes the new song files of a listing of several pages as the pages come
     * and matches an earlier play to the song that arrived with them; a run after it finds nothing new.
     */
    @Test
    void shouldLoadOnlyTheNewObjectsOfAPagedListingIncrementally() {
        for (int i = 0; i < 1020; i++) {
            putSong("incr", i);
        }
        put("incr/log_json_path.json", Fixtures.JSONPATHS);
        put("incr/log_data/2018/11/2018-11-01-events.json", String.join("\n",
                Fixtures.event("5", "Eve", "free", "NextSong", "Artist 3", "Song 00010", 100.5, 1, 0, 1541030400000L),
                Fixtures.event("5", "Eve", "free", "NextSong", "Artist 1", "Song 01030", 100.5, 1, 1, 1541030460000L)));
        JsonPath full = Jobs.runEtl("{\"mode\":\"full\"," + body("incr").substring(1));
        assertThat(full.getString("status")).as(full.prettify()).isEqualTo("SUCCEEDED");
        assertThat(warehouse.rows("SELECT song_id FROM songplays ORDER BY songplay_id"))
                .containsExactly(List.of("SO00010"), Arrays.asList((Object) null));

        for (int i = 1020; i < 1050; i++) {
            putSong("incr", i);
        }
        put("incr/log_data/2018/11/2018-11-02-events.json",
                Fixtures.event("5", "Eve", "free", "NextSong", "Artist 2", "Song 01045", 100.5, 2, 0, 1541116800000L));
        JsonPath incremental = Jobs.runEtl("{\"mode\":\"incremental\"," + body("incr").substring(1));

        assertThat(incremental.getString("status")).as(incremental.prettify()).isEqualTo("SUCCEEDED");
        assertThat(incremental.getString("details.incremental"))
                .isEqualTo("30 new and 0 changed song objects; 1 new and 0 changed log objects");
        assertThat(incremental.getInt("tableCounts.staging_songs")).isEqualTo(30);
        assertThat(incremental.getInt("tableCounts.songs")).isEqualTo(1050);
        assertThat(warehouse.rows("SELECT song_id FROM songplays ORDER BY start_time"))
                .containsExactly(List.of("SO00010"), List.of("SO01030"), List.of("SO01045"));
        assertThat(warehouse.single("SELECT COUNT(*) FROM load_ledger")).isEqualTo(1050 + 2);

        JsonPath nothing = Jobs.runEtl("{\"mode\":\"incremental\"," + body("incr").substring(1));
        assertThat(nothing.getList("steps.name", String.class)).containsExactly("find_new_objects", "nothing_new");
    }

    private void putSong(String prefix, int i) {
        String id = String.format("%05d", i);
        put(prefix + "/song_data/A/B/C/TRABC" + id + ".json", "{\"num_songs\": 1, \"artist_id\": \"AR" + (i % 7)
                + "\", \"artist_latitude\": null, \"artist_longitude\": null, \"artist_location\": \"\", "
                + "\"artist_name\": \"Artist " + (i % 7) + "\", \"song_id\": \"SO" + id + "\", \"title\": \"Song "
                + id + "\", \"duration\": 100.5, \"year\": 0}");
    }

    @Test
    void shouldFailClearlyWhenTheBucketDoesNotExist() {
        JsonPath run = Jobs.runEtl("{\"songData\":\"s3://no-such-bucket/song_data\","
                + "\"logData\":\"s3://no-such-bucket/log_data\",\"logJsonPaths\":\"s3://no-such-bucket/x.json\"}");

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot list s3://no-such-bucket/")
                .contains(endpoint).contains("does not exist");
    }

    @Test
    void shouldFailClearlyWhenThePrefixHoldsNoObjects() {
        put("empty/log_json_path.json", Fixtures.JSONPATHS);

        JsonPath run = Jobs.runEtl(body("empty"));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        // Both prefixes are empty; the logs are listed first.
        assertThat(run.getString("error")).isEqualTo("no .json objects under s3://" + BUCKET
                + "/empty/log_data/ at " + endpoint);
    }
}
