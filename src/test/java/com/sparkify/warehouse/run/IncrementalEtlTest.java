package com.sparkify.warehouse.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import com.sparkify.warehouse.generator.DirectorySink;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.source.ChangeJournal;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The property that defines a correct incremental run: loading a generated data set's objects in any
 * number of runs, split at random by song file and by day (seeded; the seed and the split are in every
 * assertion's message), gives the same star schema (every row but the songplay ids) and the same
 * analytics answers as one full run over all of them. Each split has song files arriving after the plays
 * that match them, a day's log loaded half first and rewritten whole later, and ends with a run that
 * finds nothing new and changes nothing.
 */
@QuarkusTest
class IncrementalEtlTest {

    @Inject
    Warehouse warehouse;

    private WarehouseQueries queries;

    @BeforeEach
    void idle() {
        Jobs.awaitIdle();
        queries = new WarehouseQueries(warehouse);
    }

    /** One batch of a split: the files to add (or rewrite whole) before the run, and the run's mode. */
    private record Batch(String mode, List<String> songs, List<String> logs, List<String> halves) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1L, 7L, 2024L, 31337L })
    void shouldGiveTheFullRunsAnswersWhateverTheSplit(long seed) throws Exception {
        Path full = Fixtures.newRoot("incremental-full");
        new SampleDataGenerator().generate(GeneratorOptions.builder().seed(seed).songs(40).users(15).days(6)
                .events(900).build(), new DirectorySink(full));
        List<String> songs = files(full, "song_data");
        List<String> logs = files(full, "log_data");

        Jobs.resetSchema();
        JsonPath reference = Jobs.runEtl(body(full, "full"));
        assertThat(reference.getString("status")).as(reference.prettify()).isEqualTo("SUCCEEDED");
        Map<String, Object> expected = snapshot();
        assertThat((List<?>) expected.get("songplays")).isNotEmpty();

        List<Batch> split = split(new Random(seed), songs, logs);
        String context = "seed " + seed + ", split " + split;
        Path target = Fixtures.newRoot("incremental-" + seed);
        Files.writeString(target.resolve("log_json_path.json"), Files.readString(full.resolve("log_json_path.json")));
        Jobs.resetSchema();
        boolean first = true;
        for (Batch batch : split) {
            for (String key : batch.songs()) {
                copy(full, target, key, false);
            }
            for (String key : batch.logs()) {
                copy(full, target, key, false);
            }
            for (String key : batch.halves()) {
                copy(full, target, key, true);
            }
            JsonPath run = Jobs.runEtl(body(target, batch.mode()));
            assertThat(run.getString("status")).as(context + "\n" + run.prettify()).isEqualTo("SUCCEEDED");
            assertThat(run.getString("mode")).isEqualTo(batch.mode());
            if (!first && batch.mode().equals("incremental") && watchable(target)) {
                // No song file is rewritten: after the first run's listing, its folder's watch names what is new.
                assertThat(run.getString("details.found")).as(context)
                        .startsWith("song objects from the files the folder's watch saw change since the last run;");
            }
            first = false;
        }
        assertThat(snapshot()).as(context).isEqualTo(expected);
        assertThat(queries.single("SELECT COUNT(DISTINCT songplay_id) - COUNT(*) FROM songplays")).isZero();
        long ledgerTotal = ledger("").getLong("total");
        assertThat(ledgerTotal).as(context).isEqualTo(songs.size() + logs.size());

        JsonPath nothing = Jobs.runEtl(body(target, "incremental"));
        assertThat(nothing.getString("status")).as(nothing.prettify()).isEqualTo("SUCCEEDED");
        assertThat(nothing.getList("steps.name", String.class)).containsExactly("find_new_objects", "nothing_new");
        assertThat(nothing.getString("details.incremental"))
                .isEqualTo("0 new and 0 changed song objects; 0 new and 0 changed log objects");
        String how = watchable(target) ? "from the files the folder's watch saw change since the last run"
                : "by listing every object";
        assertThat(nothing.getString("details.found")).isEqualTo("song objects " + how + "; log objects " + how);
        assertThat(snapshot()).as(context).isEqualTo(expected);
        assertThat(ledger("").getLong("total")).isEqualTo(ledgerTotal);
    }

    @Test
    void shouldRollBackMergeAndLedgerTogetherWhenACheckFails() throws Exception {
        Path root = Fixtures.newRoot("incremental-rollback");
        new SampleDataGenerator().generate(GeneratorOptions.builder().seed(5).songs(20).users(8).days(2).events(300)
                .build(), new DirectorySink(root));
        Jobs.resetSchema();
        assertThat(Jobs.runEtl(body(root, "incremental")).getString("status")).isEqualTo("SUCCEEDED");
        Map<String, Object> before = snapshot();
        JsonPath ledgerBefore = ledger("");
        // A play without a user: songplays_user_id_in_users fails over the whole star schema.
        Files.writeString(root.resolve("log_data/2018/11/2018-11-30-events.json"), "{\"artist\":\"X\",\"auth\":"
                + "\"Logged In\",\"itemInSession\":0,\"length\":200.0,\"level\":\"free\",\"page\":\"NextSong\","
                + "\"sessionId\":999,\"song\":\"Y\",\"ts\":1543622400000,\"userId\":\"\"}\n");

        JsonPath run = Jobs.runEtl(body(root, "incremental"));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("songplays_user_id_in_users");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(ledger("").prettify()).isEqualTo(ledgerBefore.prettify());
        assertThat(ledger("log_data/2018/11/2018-11-30").getLong("total")).isZero();

        // The failed run's new file is still new to the next run, which fails on it again.
        JsonPath again = Jobs.runEtl(body(root, "incremental"));
        assertThat(again.getString("status")).isEqualTo("FAILED");
        assertThat(again.getString("details.incremental")).startsWith("0 new and 0 changed song objects; 1 new");
        assertThat(again.getString("error")).contains("songplays_user_id_in_users");
        assertThat(snapshot()).isEqualTo(before);
    }

    /** A reset empties the ledger: the next incremental run finds every object again, whatever was watched. */
    @Test
    void shouldLoadEverythingAgainAfterAReset() throws Exception {
        Path root = Fixtures.newRoot("incremental-reset");
        new SampleDataGenerator().generate(GeneratorOptions.builder().seed(9).songs(12).users(5).days(2).events(200)
                .build(), new DirectorySink(root));
        Jobs.resetSchema();
        assertThat(Jobs.runEtl(body(root, "full")).getString("status")).isEqualTo("SUCCEEDED");
        Map<String, Object> loaded = snapshot();
        if (watchable(root)) {
            JsonPath unchanged = Jobs.runEtl(body(root, "incremental"));
            assertThat(unchanged.getString("details.found")).startsWith("song objects from the files the folder's watch");
        }

        Jobs.resetSchema();
        JsonPath run = Jobs.runEtl(body(root, "incremental"));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getString("details.incremental"))
                .isEqualTo("12 new and 0 changed song objects; 2 new and 0 changed log objects");
        assertThat(run.getString("details.found"))
                .isEqualTo("song objects by listing every object; log objects by listing every object");
        assertThat(snapshot()).isEqualTo(loaded);
    }

    /**
     * A song file arriving two merging runs after the plays it matches gives them their song then, and a
     * song file rewritten with another duration takes its song from the plays that matched the old one:
     * the re-match reads only the plays staged songs match or whose song the run loads, so these are the
     * plays it must still find. Each state is compared with a full run over the same files.
     */
    @Test
    void shouldMatchASongArrivingTwoRunsLaterAndUnmatchARewrittenOne() throws Exception {
        Path full = Fixtures.newRoot("incremental-late-full");
        new SampleDataGenerator().generate(GeneratorOptions.builder().seed(11).songs(30).users(10).days(3)
                .events(600).build(), new DirectorySink(full));
        List<String> songs = files(full, "song_data");
        Jobs.resetSchema();
        assertThat(Jobs.runEtl(body(full, "full")).getString("status")).isEqualTo("SUCCEEDED");
        List<List<Object>> played = queries.rows("SELECT song_id, COUNT(*) FROM songplays WHERE song_id IS NOT NULL "
                + "GROUP BY song_id ORDER BY song_id");
        assertThat(played).hasSizeGreaterThanOrEqualTo(2);
        String lateId = (String) played.get(0).get(0);
        long latePlays = ((Number) played.get(0).get(1)).longValue();
        String rewrittenId = (String) played.get(1).get(0);
        String late = fileOf(full, songs, lateId);
        String rewritten = fileOf(full, songs, rewrittenId);
        String other = songs.stream().filter(k -> !k.equals(late) && !k.equals(rewritten)).findFirst().orElseThrow();

        Path target = Fixtures.newRoot("incremental-late");
        Files.writeString(target.resolve("log_json_path.json"), Files.readString(full.resolve("log_json_path.json")));
        for (String key : files(full, "log_data")) {
            copy(full, target, key, false);
        }
        for (String key : songs) {
            if (!key.equals(late) && !key.equals(other)) {
                copy(full, target, key, false);
            }
        }
        Jobs.resetSchema();
        assertThat(Jobs.runEtl(body(target, "incremental")).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(playsOf(lateId)).isZero();
        copy(full, target, other, false);
        assertThat(Jobs.runEtl(body(target, "incremental")).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(playsOf(lateId)).isZero();
        copy(full, target, late, false);
        JsonPath third = Jobs.runEtl(body(target, "incremental"));
        assertThat(third.getString("details.incremental")).startsWith("1 new and 0 changed song objects");
        assertThat(playsOf(lateId)).isEqualTo(latePlays);
        assertThat(playsOf(rewrittenId)).isPositive();

        // The rewritten file's song keeps its id but no play has its new duration any more.
        String json = Files.readString(target.resolve(rewritten));
        java.util.regex.Matcher duration = java.util.regex.Pattern.compile("\"duration\": ([0-9.]+)").matcher(json);
        assertThat(duration.find()).as(json).isTrue();
        Files.writeString(target.resolve(rewritten), duration.replaceFirst("\"duration\": "
                + (Double.parseDouble(duration.group(1)) + 1.5)));
        JsonPath fourth = Jobs.runEtl(body(target, "incremental"));
        assertThat(fourth.getString("status")).as(fourth.prettify()).isEqualTo("SUCCEEDED");
        assertThat(fourth.getString("details.incremental")).startsWith("0 new and 1 changed song objects");
        assertThat(playsOf(rewrittenId)).isZero();
        assertThat(playsOf(lateId)).isEqualTo(latePlays);
        Map<String, Object> merged = snapshot();

        Jobs.resetSchema();
        assertThat(Jobs.runEtl(body(target, "full")).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(merged).isEqualTo(snapshot());
    }

    private long playsOf(String songId) {
        return queries.single("SELECT COUNT(*) FROM songplays WHERE song_id = '" + songId + "'");
    }

    /** The song file holding {@code songId}. */
    private static String fileOf(Path root, List<String> songs, String songId) throws IOException {
        for (String key : songs) {
            if (Files.readString(root.resolve(key)).contains("\"song_id\": \"" + songId + "\"")) {
                return key;
            }
        }
        throw new AssertionError("no song file holds " + songId);
    }

    /** Random batches: each song file and day in one of 2-4 runs; a third of the songs come last. */
    private static List<Batch> split(Random random, List<String> songs, List<String> logs) {
        int n = 2 + random.nextInt(3);
        List<List<String>> songBatches = new ArrayList<>();
        List<List<String>> logBatches = new ArrayList<>();
        List<List<String>> halves = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            songBatches.add(new ArrayList<>());
            logBatches.add(new ArrayList<>());
            halves.add(new ArrayList<>());
        }
        List<String> s = new ArrayList<>(songs);
        Collections.shuffle(s, random);
        List<String> l = new ArrayList<>(logs);
        Collections.shuffle(l, random);
        songBatches.get(0).add(s.get(0));
        for (int i = 1; i < s.size(); i++) {
            songBatches.get(i <= s.size() / 3 ? n - 1 : random.nextInt(n)).add(s.get(i));
        }
        // The first log is loaded half in the first run and whole in a later one (a rewrite with more lines).
        halves.get(0).add(l.get(0));
        logBatches.get(1 + random.nextInt(n - 1)).add(l.get(0));
        for (int i = 1; i < l.size(); i++) {
            logBatches.get(random.nextInt(n)).add(l.get(i));
        }
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String mode = i == 0 && random.nextBoolean() ? "full" : "incremental";
            batches.add(new Batch(mode, songBatches.get(i), logBatches.get(i), halves.get(i)));
        }
        return batches;
    }

    private static List<String> files(Path root, String folder) throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
            return walk.filter(p -> p.toString().endsWith(".json")).map(p -> root.relativize(p).toString()).sorted()
                    .toList();
        }
    }

    /** Whether the service can watch a folder here (Linux, a local file system): else every run lists. */
    private static boolean watchable(Path root) throws IOException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            return watcher.getClass().getName().endsWith("LinuxWatchService")
                    && ChangeJournal.LOCAL_FILE_SYSTEMS.contains(Files.getFileStore(root).type());
        }
    }

    /** Copies a file, or only the first half of its lines. */
    private static void copy(Path from, Path to, String key, boolean half) throws IOException {
        Path target = to.resolve(key);
        Files.createDirectories(target.getParent());
        if (!half) {
            Files.write(target, Files.readAllBytes(from.resolve(key)));
            return;
        }
        List<String> lines = Files.readAllLines(from.resolve(key), StandardCharsets.UTF_8);
        Files.write(target, lines.subList(0, Math.max(1, lines.size() / 2)), StandardCharsets.UTF_8);
    }

    private static String body(Path root, String mode) {
        return "{\"songData\":\"" + root.resolve("song_data") + "\",\"logData\":\"" + root.resolve("log_data")
                + "\",\"logJsonPaths\":\"" + root.resolve("log_json_path.json") + "\",\"mode\":\"" + mode + "\"}";
    }

    private static JsonPath ledger(String prefix) {
        return given().queryParam("prefix", prefix).queryParam("limit", 1000).when().get("/etl/ledger")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Every star row but songplay ids, and the analysts' answers. */
    private Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("songplays", queries.rows("SELECT start_time, user_id, level, song_id, artist_id, session_id, "
                + "item_in_session, location, user_agent FROM songplays "
                + "ORDER BY start_time, user_id, session_id, item_in_session"));
        s.put("users", queries.rows("SELECT * FROM users ORDER BY user_id"));
        s.put("songs", queries.rows("SELECT * FROM songs ORDER BY song_id"));
        s.put("artists", queries.rows("SELECT * FROM artists ORDER BY artist_id"));
        s.put("time", queries.rows("SELECT * FROM time ORDER BY start_time"));
        for (String answer : List.of("top-songs", "top-artists", "active-users", "top-locations")) {
            s.put(answer, given().queryParam("limit", 100).when().get("/analytics/" + answer).then().statusCode(200)
                    .extract().asString());
        }
        for (String answer : List.of("plays-by-hour", "plays-by-weekday", "levels", "user-agents")) {
            s.put(answer, given().when().get("/analytics/" + answer).then().statusCode(200).extract().asString());
        }
        return s;
    }
}
