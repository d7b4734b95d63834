package com.sparkify.warehouse.warehouse.redshift;

import static com.sparkify.warehouse.support.ScriptedJdbc.fail;
import static com.sparkify.warehouse.support.ScriptedJdbc.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.S3Clients;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.support.S3ProxyResource;
import com.sparkify.warehouse.support.ScriptedJdbc;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.SqlLibrary;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * With a staging prefix, COPY reads a manifest of exactly the listed objects, written under the prefix
 * for the run and deleted after it, whatever else the source prefixes hold. The bucket is a real S3
 * endpoint in-process (S3Proxy); the JDBC side is scripted.
 */
class RedshiftManifestTest {

    private static final String BUCKET = "sparkify-staging";
    private static final Pattern MANIFEST_URL = Pattern.compile("FROM 's3://" + BUCKET + "/([^']+)'\\nMANIFEST");

    private static final S3ProxyResource PROXY = new S3ProxyResource();
    private static S3Client s3;

    private final ScriptedJdbc jdbc = new ScriptedJdbc();
    private final Job job = Job.detached(JobType.ETL_RUN);

    @BeforeAll
    static void startS3() {
        Map<String, String> settings = PROXY.start();
        s3 = S3Clients.build(new S3Clients.Settings("us-east-1", settings.get("sparkify.source.s3.endpoint-override"),
                true, true, 1, Duration.ofSeconds(10), 2));
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        PROXY.stop();
    }

    @BeforeEach
    void bucket() {
        s3.createBucket(b -> b.bucket(BUCKET));
        put("runs/crashed-run/staging_songs.manifest", "{}");
        put("other/keep.txt", "not the service's");
    }

    @AfterEach
    void emptyBucket() {
        for (String key : keys()) {
            s3.deleteObject(b -> b.bucket(BUCKET).key(key));
        }
        s3.deleteBucket(b -> b.bucket(BUCKET));
    }

    private void put(String key, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    private RedshiftStager stager() {
        CopyCommands copy = new CopyCommands(new SqlLibrary("redshift"), RedshiftFixtures.ROLE, "us-west-2", true);
        StagingArea area = new StagingArea(s3, new SourceLocation.S3(BUCKET, "runs/"));
        return new RedshiftStager(jdbc.dataSource(), copy, RedshiftFixtures.listing(Map.of(
                "s3://udacity-dend/song_data/", RedshiftFixtures.SONGS,
                "s3://udacity-dend/log_data/", RedshiftFixtures.LOGS,
                "s3://udacity-dend/log_json_path.json", RedshiftFixtures.JSONPATHS),
                Map.of("s3://udacity-dend/song_data/", List.of("song_data/README.txt"))),
                () -> "AWS S3 in us-west-2", 0, () -> area);
    }

    /** What each COPY's manifest held and which keys the bucket had while COPY ran. */
    private final List<JsonNode> manifests = new ArrayList<>();
    private final List<List<String>> keysDuringCopy = new ArrayList<>();

    private ScriptedJdbc.Answer readManifest() {
        return (sql, parameters) -> {
            Matcher m = MANIFEST_URL.matcher(sql);
            assertThat(m.find()).as("COPY reads a manifest: %s", sql).isTrue();
            try {
                manifests.add(new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(m.group(1)))
                        .asByteArray()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            keysDuringCopy.add(keys());
            return 0;
        };
    }

    @Test
    void shouldCopyFromManifestsOfExactlyTheListedObjectsAndDeleteThemAfterTheRun() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 11L, 2L }),
                rows(new Object[] { 11L }), rows(new Object[] { 12L, 8056L }))
                .on("\nCOPY ", readManifest());

        stager().stage(RedshiftFixtures.UDACITY, job);

        String script = RedshiftFixtures.script(jdbc.statements());
        Matcher run = Pattern.compile("runs/([0-9a-f-]{36})/").matcher(script);
        assertThat(run.find()).isTrue();
        String runId = run.group(1);
        assertThat(script.replace(runId, "RUN"))
                .isEqualTo(RedshiftFixtures.golden("stage_manifest"));
        assertThat(manifests).hasSize(2);
        JsonNode songs = manifests.get(0).get("entries");
        assertThat(songs).hasSize(2);
        assertThat(songs.get(0).get("url").asText())
                .isEqualTo("s3://udacity-dend/song_data/A/A/A/TRAAAAK128F9318786.json");
        assertThat(songs.get(0).get("mandatory").asBoolean()).isTrue();
        assertThat(songs.get(0).get("meta").get("content_length").asLong()).isEqualTo(240);
        assertThat(songs.get(1).get("url").asText())
                .isEqualTo("s3://udacity-dend/song_data/A/A/B/TRAABJL12903CDCF1A.json");
        assertThat(songs.get(1).get("meta").get("content_length").asLong()).isEqualTo(260);
        JsonNode logs = manifests.get(1).get("entries");
        assertThat(logs).extracting(e -> e.get("url").asText()).containsExactly(
                "s3://udacity-dend/log_data/2018/11/2018-11-01-events.json",
                "s3://udacity-dend/log_data/2018/11/2018-11-02-events.json",
                "s3://udacity-dend/log_data/2018/11/2018-11-03-events.json");
        assertThat(logs).extracting(e -> e.get("meta").get("content_length").asLong())
                .containsExactly(7_000L, 9_000L, 11_000L);
        // The crashed run's leftovers were gone before COPY; the run's own folder after it.
        assertThat(keysDuringCopy.get(0)).containsExactlyInAnyOrder("other/keep.txt",
                "runs/" + runId + "/staging_songs.manifest", "runs/" + runId + "/staging_events.manifest");
        assertThat(keys()).containsExactly("other/keep.txt");
        assertThat(job.view().details()).containsEntry("songData_not_json", "1 object under "
                + "s3://udacity-dend/song_data/ not loaded because the key does not end in .json: song_data/README.txt");
        assertThat(jdbc.events()).contains("1:commit");
    }

    @Test
    void shouldCopyExactlyTheSelectedObjectsOfAnIncrementalRunAndNothingOfAKindWithNoneNew() throws Exception {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 12L, 374L }))
                .on("\nCOPY ", readManifest());
        SourceObject newDay = RedshiftFixtures.LOGS.get(2);

        var report = stager().stage(RedshiftFixtures.UDACITY.selecting(new ObjectSource.Listing(List.of(), List.of()),
                new ObjectSource.Listing(List.of(newDay), List.of())), job);

        // One COPY, of the events: a prefix of log_data/2018/11/2018-11-03 would have been the same key here,
        // but the manifest is what keeps 2018-11-3 from loading 2018-11-30 as well.
        assertThat(jdbc.statements()).filteredOn(st -> st.contains("\nCOPY ")).hasSize(1)
                .allSatisfy(st -> assertThat(st).contains("COPY staging_events"));
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).get("entries")).extracting(e -> e.get("url").asText())
                .containsExactly("s3://udacity-dend/log_data/2018/11/2018-11-03-events.json");
        assertThat(report.rows()).containsEntry("staging_songs", 0L).containsEntry("staging_events", 374L);
        assertThat(job.view().progress().objectsListed()).isEqualTo(1);
        assertThat(keys()).containsExactly("other/keep.txt");
    }

    @Test
    void shouldDeleteTheRunsManifestsWhenTheLoadFails() {
        jdbc.on("pg_last_copy_id", rows(new Object[] { 7L }))
                .on("COPY staging_songs", fail("ERROR: S3ServiceException:Access Denied,Status 403"));

        assertThatThrownBy(() -> stager().stage(RedshiftFixtures.UDACITY, job)).isInstanceOf(LoadFailure.class)
                .hasMessageStartingWith("staging_songs: COPY from s3://udacity-dend/song_data/ failed");

        assertThat(keys()).containsExactly("other/keep.txt");
    }
}
