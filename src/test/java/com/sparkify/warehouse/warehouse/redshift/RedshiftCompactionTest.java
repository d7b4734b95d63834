package com.sparkify.warehouse.warehouse.redshift;

import static com.sparkify.warehouse.support.ScriptedJdbc.fail;
import static com.sparkify.warehouse.support.ScriptedJdbc.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.TestJobs;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.S3Clients;
import com.sparkify.warehouse.source.S3ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.ObjectFeed;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.support.S3ProxyResource;
import com.sparkify.warehouse.support.ScriptedJdbc;
import com.sparkify.warehouse.run.JobCancelledException;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.SqlLibrary;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Compaction before COPY (issue 17) against a real S3 endpoint in-process (S3Proxy): the sources are
 * read with the sources' own read-ahead, the parts and manifest written to the staging prefix are read
 * back while COPY "runs" (the JDBC side is scripted), and the expectations come from the records the
 * test wrote, each of which names its own object and line.
 */
class RedshiftCompactionTest {

    private static final String SOURCE = "udacity";
    private static final String STAGING = "sparkify-staging";
    private static final Pattern MANIFEST_URL = Pattern.compile("FROM 's3://" + STAGING + "/([^']+)'\\nMANIFEST");
    private static final EtlSources SOURCES = new EtlSources(new SourceLocation.S3(SOURCE, "song_data"),
            new SourceLocation.S3(SOURCE, "log_data"), new SourceLocation.S3(SOURCE, "log_json_path.json"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final S3ProxyResource PROXY = new S3ProxyResource();
    private static S3Client s3;
    private static S3AsyncClient s3Async;
    private static String endpoint;

    private final ScriptedJdbc jdbc = new ScriptedJdbc();
    private final Job job = Job.detached(JobType.ETL_RUN);

    /** Every record written to the source bucket, by key, in line order. */
    private final Map<String, List<String>> songRecords = new LinkedHashMap<>();
    private final Map<String, List<String>> logRecords = new LinkedHashMap<>();

    /** What each COPY read: its manifest, each listed part's lines, and the staging keys while it ran. */
    private final List<JsonNode> manifests = new ArrayList<>();
    private final Map<String, List<String>> partLines = new LinkedHashMap<>();
    private final List<List<String>> keysDuringCopy = new ArrayList<>();
    private String runFolder;

    @BeforeAll
    static void startS3() {
        Map<String, String> settings = PROXY.start();
        endpoint = settings.get("sparkify.source.s3.endpoint-override");
        S3Clients.Settings s = new S3Clients.Settings("us-east-1", endpoint, true, true, 1, Duration.ofSeconds(10), 8);
        s3 = S3Clients.build(s);
        s3Async = S3Clients.buildAsync(s, S3Clients.AsyncHttp.CRT);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        s3Async.close();
        PROXY.stop();
    }

    @BeforeEach
    void buckets() {
        s3.createBucket(b -> b.bucket(SOURCE));
        s3.createBucket(b -> b.bucket(STAGING));
        // What a crashed run left, and something that is not the service's.
        put(STAGING, "runs/crashed-run/staging_songs-0000.json.gz", "gone");
        put(STAGING, "runs/crashed-run/staging_songs.manifest", "{}");
        put(STAGING, "other/keep.txt", "not the service's");
        for (int i = 0; i < 10; i++) {
            String key = String.format("song_data/A/B/C/TR%02d.json", i);
            song(key, String.format("{\"song_id\":\"S%02d\",\"title\":\"%s\",\"duration\":1%02d.5}", i, key, i));
        }
        put(SOURCE, "song_data/README.txt", "not loaded");
        for (int day = 1; day <= 3; day++) {
            String key = "log_data/2018/11/2018-11-0" + day + "-events.json";
            List<String> lines = new ArrayList<>();
            for (int line = 1; line <= 4; line++) {
                lines.add(String.format("{\"ts\":15419%d00000%d,\"page\":\"NextSong\",\"origin\":\"%s:%d\"}", day, line,
                        key, line));
            }
            log(key, lines);
        }
        put(SOURCE, "log_json_path.json", "{\"jsonpaths\":[\"$.ts\"]}");
    }

    @AfterEach
    void emptyBuckets() {
        for (String bucket : List.of(SOURCE, STAGING)) {
            for (String key : keys(bucket)) {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            }
            s3.deleteBucket(b -> b.bucket(bucket));
        }
    }

    private static void put(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    private void song(String key, String record) {
        put(SOURCE, key, record);
        songRecords.put(key, List.of(record));
    }

    private void log(String key, List<String> lines) {
        put(SOURCE, key, String.join("\n", lines) + "\n");
        logRecords.put(key, lines);
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(STAGING).key(key)).asByteArray();
    }

    private static List<String> gunzipLines(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            return List.of(text.substring(0, text.length() - 1).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> flat(Map<String, List<String>> records) {
        return records.values().stream().flatMap(List::stream).toList();
    }

    private static Set<Path> compactionDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("sparkify-compaction-"))
                    .collect(Collectors.toSet());
        }
    }

    private RedshiftStager stager(int maxErrors, long compactBelow, Compaction.Readers readers) {
        CopyCommands copy = new CopyCommands(new SqlLibrary("redshift"), RedshiftFixtures.ROLE, "us-west-2", true);
        StagingArea area = new StagingArea(s3, new SourceLocation.S3(STAGING, "runs/"));
        Compaction compaction = new Compaction(compactBelow, Compaction.MAX_PART_BYTES, 1 << 20, readers);
        return new RedshiftStager(jdbc.dataSource(), copy,
                location -> new S3ObjectSource(s3Async, (SourceLocation.S3) location, 8), () -> endpoint, maxErrors,
                () -> area, compaction, 3);
    }

    /** The service's own read-ahead for S3 sources. */
    private static Compaction.Readers readAhead() {
        SourceService sources = new SourceService(null, null);
        return (location, source, objects) -> sources.readAhead(location, source, ObjectFeed.of(objects));
    }

    private ScriptedJdbc copies(long songRows, long eventRows) {
        return jdbc.on("FROM stv_slices", rows(new Object[] { 4L }))
                .on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 11L, songRows }),
                        rows(new Object[] { 11L }), rows(new Object[] { 12L, eventRows }));
    }

    /** Reads what the COPY about to run would read: its manifest and every object it lists. */
    private ScriptedJdbc.Answer readManifest() {
        return (sql, parameters) -> {
            Matcher m = MANIFEST_URL.matcher(sql);
            assertThat(m.find()).as("COPY reads a manifest: %s", sql).isTrue();
            runFolder = m.group(1).substring(0, m.group(1).lastIndexOf('/') + 1);
            JsonNode manifest;
            try {
                manifest = JSON.readTree(get(m.group(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            manifests.add(manifest);
            for (JsonNode entry : manifest.get("entries")) {
                String url = entry.get("url").asText();
                if (url.startsWith("s3://" + STAGING + "/")) {
                    byte[] part = get(url.substring(("s3://" + STAGING + "/").length()));
                    assertThat(entry.get("meta").get("content_length").asLong()).as(url).isEqualTo(part.length);
                    partLines.put(url, gunzipLines(part));
                }
            }
            keysDuringCopy.add(keys(STAGING));
            return 0;
        };
    }

    private List<String> urls(JsonNode manifest) {
        List<String> urls = new ArrayList<>();
        manifest.get("entries").forEach(e -> urls.add(e.get("url").asText()));
        return urls;
    }

    private List<String> lines(JsonNode manifest) {
        return urls(manifest).stream().flatMap(u -> partLines.get(u).stream()).toList();
    }

    @Test
    void shouldCopyExactlyTheSourceRecordsFromOneGzipPartPerSliceAndDeleteThemAfterTheRun() throws Exception {
        Set<Path> dirsBefore = compactionDirectories();
        copies(10, 12).on("\nCOPY ", readManifest());

        stager(0, 1_048_576, readAhead()).stage(SOURCES, job);

        String script = RedshiftFixtures.script(jdbc.statements());
        assertThat(script.replace(runFolder, "runs/RUN/")).isEqualTo(RedshiftFixtures.golden("stage_compacted"));
        // Songs: 4 slices, 4 parts; events: 3 objects cannot fill 4 parts, so 3.
        String run = "s3://" + STAGING + "/" + runFolder;
        assertThat(urls(manifests.get(0))).containsExactly(run + "staging_songs-0000.json.gz",
                run + "staging_songs-0001.json.gz", run + "staging_songs-0002.json.gz", run + "staging_songs-0003.json.gz");
        assertThat(urls(manifests.get(1))).containsExactly(run + "staging_events-0000.json.gz",
                run + "staging_events-0001.json.gz", run + "staging_events-0002.json.gz");
        for (JsonNode manifest : manifests) {
            manifest.get("entries").forEach(e -> assertThat(e.get("mandatory").asBoolean()).isTrue());
        }
        // Exactly the records written, in the listing's (key) order; README.txt is not one.
        assertThat(lines(manifests.get(0))).containsExactlyElementsOf(flat(songRecords));
        assertThat(lines(manifests.get(1))).containsExactlyElementsOf(flat(logRecords));
        // Equal-sized song files: the 10 records split 2-3 a part, none empty.
        assertThat(urls(manifests.get(0))).allSatisfy(u -> assertThat(partLines.get(u)).hasSizeBetween(2, 3));
        // The crashed run's objects were gone before COPY; the run's own after it; nothing left on disk.
        assertThat(keysDuringCopy.get(1)).containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of("other/keep.txt",
                runFolder + "staging_songs.manifest", runFolder + "staging_events.manifest"),
                Stream.concat(urls(manifests.get(0)).stream(), urls(manifests.get(1)).stream())
                        .map(u -> u.substring(("s3://" + STAGING + "/").length()))).toList());
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
        assertThat(compactionDirectories()).isEqualTo(dirsBefore);
        assertThat(job.view().details()).containsKeys("songData_compacted", "logData_compacted");
        assertThat(job.view().details().get("songData_compacted")).startsWith("10 objects (")
                .contains("into 4 gzip parts").contains("10 records, 0 left out");
        assertThat(job.view().progress().objectsDone()).isEqualTo(13);
        assertThat(jdbc.events()).contains("2:commit");
    }

    @Test
    void shouldReportUnreadableRecordsAndCopysErrorsInAPartAgainstTheOriginalObjectAndLine() throws Exception {
        song("song_data/A/B/C/TR03.json", "{\"song_id\": oops}");
        List<String> day2 = new ArrayList<>(logRecords.get("log_data/2018/11/2018-11-02-events.json"));
        day2.set(2, "not json");
        log("log_data/2018/11/2018-11-02-events.json", day2);
        // COPY rejects line 2 of the second events part; which record that is, the part itself says.
        String[] rejected = new String[1];
        copies(9, 10).on("\nCOPY ", readManifest())
                .on("raw_line", rows(), (sql, parameters) -> {
                    String part = "s3://" + STAGING + "/" + runFolder + "staging_events-0001.json.gz";
                    rejected[0] = partLines.get(part).get(1);
                    return List.<Object[]>of(new Object[] { part, 2L, "ts", "Invalid timestamp", "x", rejected[0], 1L });
                });

        stager(5, 1_048_576, readAhead()).stage(SOURCES, job);

        List<String> songsLoaded = new ArrayList<>(flat(songRecords));
        songsLoaded.remove("{\"song_id\": oops}");
        assertThat(lines(manifests.get(0))).containsExactlyElementsOf(songsLoaded);
        List<String> eventsLoaded = new ArrayList<>(flat(logRecords));
        eventsLoaded.remove("not json");
        assertThat(lines(manifests.get(1))).containsExactlyElementsOf(eventsLoaded);
        // The record COPY rejected names its own object and line.
        String[] origin = JSON.readTree(rejected[0]).get("origin").asText().split(":");
        assertThat(job.view().loadErrors())
                .extracting(JobRecord.LoadError::table, JobRecord.LoadError::object, JobRecord.LoadError::line,
                        JobRecord.LoadError::column)
                .containsExactly(
                        tuple("staging_songs", "song_data/A/B/C/TR03.json", 1L, null),
                        tuple("staging_events", "log_data/2018/11/2018-11-02-events.json", 3L, null),
                        tuple("staging_events", origin[0], Long.parseLong(origin[1]), "ts"));
        assertThat(job.view().loadErrorCount()).isEqualTo(3);
        // The two left out count against max-errors=5 before COPY: songs may skip 3 more (MAXERROR 4),
        // events after them too.
        assertThat(jdbc.statements().stream().filter(s -> s.contains("\nCOPY "))
                .map(s -> s.substring(s.lastIndexOf("MAXERROR")))).containsExactly("MAXERROR 4", "MAXERROR 4");
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
    }

    @Test
    void shouldFailBeforeCopyWhenUnreadableRecordsPassMaxErrorsAndDeleteTheParts() {
        song("song_data/A/B/C/TR01.json", "[1]");
        song("song_data/A/B/C/TR08.json", "{\"song_id\":");
        copies(0, 0);

        assertThatThrownBy(() -> stager(1, 1_048_576, readAhead()).stage(SOURCES, job))
                .isInstanceOf(LoadFailure.class)
                .hasMessage("staging_songs: 2 bad records exceed sparkify.etl.max-errors=1; first: "
                        + "song_data/A/B/C/TR01.json line 1: expected a JSON object");

        assertThat(jdbc.statements()).noneMatch(s -> s.contains("\nCOPY "));
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
    }

    @Test
    void shouldDeleteThePartsAndManifestsWhenCopyFails() {
        jdbc.on("FROM stv_slices", rows(new Object[] { 4L })).on("pg_last_copy_id", rows(new Object[] { 7L }))
                .on("COPY staging_songs", (sql, parameters) -> {
                    keysDuringCopy.add(keys(STAGING));
                    throw new SQLException("ERROR: S3ServiceException:Access Denied,Status 403", "XX000");
                });

        assertThatThrownBy(() -> stager(0, 1_048_576, readAhead()).stage(SOURCES, job))
                .isInstanceOf(LoadFailure.class)
                .hasMessageStartingWith("staging_songs: COPY from s3://udacity/song_data/ failed");

        // Both folders were compacted before the transaction: 4 + 3 parts and 2 manifests, then none.
        assertThat(keysDuringCopy.get(0)).filteredOn(k -> k.startsWith("runs/")).hasSize(9);
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
    }

    @Test
    void shouldStopCompactingWhenCancelledAndDeleteWhatWasUploaded() throws IOException {
        Set<Path> dirsBefore = compactionDirectories();
        List<String> keysAtCancel = new ArrayList<>();
        long[] objectsDoneAtCancel = { -1 };
        Compaction.Readers service = readAhead();
        // Cancel as the song files' eighth object is opened: parts 0 and 1 are uploaded by then.
        Compaction.Readers cancelling = (location, source, objects) -> {
            Prefetch reader = service.open(location, source, objects);
            return new Prefetch() {
                @Override
                public InputStream open(int index) throws IOException {
                    if (index == 7) {
                        keysAtCancel.addAll(keys(STAGING));
                        objectsDoneAtCancel[0] = job.view().progress().objectsDone();
                        TestJobs.requestCancel(job);
                    }
                    return reader.open(index);
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        };
        copies(0, 0);

        assertThatThrownBy(() -> stager(0, 1_048_576, cancelling).stage(SOURCES, job))
                .isInstanceOf(JobCancelledException.class);

        assertThat(keysAtCancel).filteredOn(k -> k.contains("/staging_songs-000")).hasSize(2);
        // Progress counts the objects as compaction reads them: seven before the eighth.
        assertThat(objectsDoneAtCancel[0]).isEqualTo(7);
        assertThat(jdbc.statements()).noneMatch(s -> s.contains("\nCOPY "));
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
        assertThat(compactionDirectories()).isEqualTo(dirsBefore);
    }

    @Test
    void shouldUseTheSettingWhereStvSlicesDoesNotExistAndCopyLargeObjectsStraight() throws Exception {
        jdbc.on("FROM stv_slices", (sql, parameters) -> {
            throw new SQLException("ERROR: relation \"stv_slices\" does not exist", "42P01");
        }).on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 11L, 10L }),
                rows(new Object[] { 11L }), rows(new Object[] { 12L, 12L })).on("\nCOPY ", readManifest());

        // Song files average ~70 bytes, event logs ~330: only the songs are compacted.
        stager(0, 200, readAhead()).stage(SOURCES, job);

        List<String> copies = jdbc.statements().stream().filter(s -> s.contains("\nCOPY ")).toList();
        assertThat(copies.get(0)).contains("\nMANIFEST GZIP\n");
        assertThat(copies.get(1)).contains("\nMANIFEST\n").doesNotContain("GZIP");
        assertThat(urls(manifests.get(0))).hasSize(3); // sparkify.redshift.compaction-parts here
        assertThat(lines(manifests.get(0))).containsExactlyElementsOf(flat(songRecords));
        assertThat(urls(manifests.get(1))).containsExactlyElementsOf(
                logRecords.keySet().stream().map(k -> "s3://" + SOURCE + "/" + k).toList());
        assertThat(job.view().details()).containsKey("songData_compacted").doesNotContainKey("logData_compacted");
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
    }

    @Test
    void shouldSkipTheCopyOfAFolderWhoseEveryRecordWasLeftOut() throws Exception {
        for (String key : List.copyOf(songRecords.keySet())) {
            song(key, "not json");
        }
        jdbc.on("FROM stv_slices", rows(new Object[] { 4L }))
                .on("pg_last_copy_id", rows(new Object[] { 7L }), rows(new Object[] { 12L, 12L }))
                .on("\nCOPY ", readManifest());

        stager(10, 1_048_576, readAhead()).stage(SOURCES, job);

        // Nothing for COPY to read: staging_songs is emptied and left empty, the events load as usual.
        List<String> copies = jdbc.statements().stream().filter(s -> s.contains("\nCOPY ")).toList();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0)).startsWith("-- Event logs");
        assertThat(jdbc.statements()).anyMatch(s -> s.endsWith("\nDELETE FROM staging_songs"));
        assertThat(lines(manifests.get(0))).containsExactlyElementsOf(flat(logRecords));
        assertThat(job.view().loadErrorCount()).isEqualTo(10);
        assertThat(job.view().progress().rowsStaged()).containsEntry("staging_songs", 0L)
                .containsEntry("staging_events", 12L);
        assertThat(job.view().progress().objectsDone()).isEqualTo(13);
        assertThat(keys(STAGING)).containsExactly("other/keep.txt");
    }
}
