package com.sparkify.warehouse.warehouse.duckdb;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import com.sparkify.warehouse.generator.DirectorySink;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobStore;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.TmpfsResource;
import com.sparkify.warehouse.support.Waits;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The data directory on a small volume (a tmpfs this test mounts): a run that cannot fit is refused
 * before it writes anything, and when the disk fills anyway and DuckDB invalidates the database (a
 * checkpoint that cannot be written, as in issue 21), reads go on, the database is reopened without a
 * restart, and the next run that fits succeeds.
 */
@QuarkusTest
@WithTestResource(TmpfsResource.class)
@EnabledIf(value = "com.sparkify.warehouse.support.TmpfsResource#mountable",
        disabledReason = "mounting a tmpfs for the data directory needs root (as on CI): full-disk tests skipped")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullDiskTest {

    private static Path small;
    private static Path large;

    /** The job history as stored, not as the service holds it in memory. */
    @Inject
    JobStore history;

    @ConfigProperty(name = "sparkify.data-dir")
    Path dataDir;

    /** The service's own pool, bypassing its guard: the test breaks the database as a full disk does. */
    @Inject
    @DataSource("duckdb")
    AgroalDataSource pool;

    @BeforeAll
    static void sources() throws IOException {
        small = generate("small", 200, 5_000);
        large = generate("large", 2_000, 100_000);
    }

    @Test
    @Order(1)
    void shouldRefuseARunThatCannotFitBeforeStagingAnything() throws IOException {
        Jobs.awaitIdle();
        Jobs.resetSchema();
        assertThat(Jobs.runEtl(SampleSources.body(small)).getString("status")).isEqualTo("SUCCEEDED");
        long stagedSongs = count("staging_songs");
        // The small run's post-job checkpoint folds its write-ahead log in after the run reads SUCCEEDED.
        Waits.waitFor("the previous run's checkpoint").until(() -> walBytes() == 0);
        long usageBefore = usage();
        long listed = jsonBytes(large);

        JsonPath run = Jobs.runEtl(SampleSources.body(large));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        // the estimate the issue asks for, worked out here: twice the listed bytes
        String needed = String.format(Locale.ROOT, "%.1f MB", listed * 2 / 1024.0 / 1024.0);
        assertThat(run.getString("error")).startsWith("insufficient storage: the run needs about " + needed
                + " in " + dataDir.toAbsolutePath()).contains(" is free");
        assertThat(run.getString("details.problem")).isEqualTo("urn:sparkify:problem:insufficient-storage");
        assertThat(run.getList("steps.name", String.class)).containsExactly("list_sources", "check_space");
        // Nothing staged: the staging tables are the previous run's, no half-built copy was started, and the
        // directory grew by no more than the job history's records.
        assertThat(count("staging_songs")).isEqualTo(stagedSongs);
        assertThat(usage() - usageBefore).isLessThan(listed / 10);
        assertThat(count("information_schema.tables WHERE ends_with(table_name, '__next')")).isZero();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    @Order(2)
    void shouldReopenTheDatabaseAfterAFatalErrorAndAnswerReadsMeanwhile() throws Exception {
        Jobs.awaitIdle();
        String topSongs = given().when().get("/analytics/top-songs").then().statusCode(200).extract().asString();
        Map<String, Object> counts = tableCounts();
        Path filler = dataDir.resolve("filler-2");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // Committed to the write-ahead log, which fits; folding it into the file will not. Each insert
            // stays under a row group, so DuckDB logs its rows instead of writing them to the file at once.
            s.execute("CREATE TABLE ballast (i BIGINT, s VARCHAR)");
            for (int part = 0; part < 5; part++) {
                s.execute("INSERT INTO ballast SELECT range, md5(range::VARCHAR) || md5((range + 1)::VARCHAR) "
                        + "FROM range(" + part * 100_000 + ", " + (part + 1) * 100_000 + ")");
            }
            fill(filler, 64 * 1024);
            assertThatThrownBy(() -> s.execute("CHECKPOINT")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("FATAL").hasMessageContaining("No space left on device");
        }

        // a cached answer needs no database at all
        assertThat(given().when().get("/analytics/top-songs").then().statusCode(200).extract().asString())
                .isEqualTo(topSongs);
        Response unavailable = given().when().get("/schema");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.contentType()).startsWith("application/problem+json");
        assertThat(unavailable.header("Retry-After")).isEqualTo("5");
        assertThat(unavailable.jsonPath().getString("type")).isEqualTo("urn:sparkify:problem:warehouse-unavailable");
        assertThat(unavailable.jsonPath().getString("detail")).contains("No space left on device")
                .doesNotContain("Stack Trace");
        given().when().get("/q/health/live").then().statusCode(200);

        // reopened at its last committed state, the disk still full
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().when().get("/schema").statusCode() == 200);
        assertThat(tableCounts()).isEqualTo(counts);
        assertThat(given().when().get("/analytics/summary").then().statusCode(200).extract().asString())
                .contains("\"songplays\":" + counts.get("songplays") + ",");

        Files.delete(filler);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE ballast");
        }
        assertThat(Jobs.runEtl(SampleSources.body(small)).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(tableCounts()).isEqualTo(counts);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    @Order(3)
    void shouldRecordARunThatFailedForLackOfSpaceOnceTheHistoryCanBeWrittenAgain() throws Exception {
        Jobs.awaitIdle();
        // As in the first test: the previous run's post-job checkpoint (a full run also rebuilds the ledger,
        // more to fold in) must not meet the full disk, or the run fails on that instead of on its estimate.
        Waits.waitFor("the previous run's checkpoint").until(() -> walBytes() == 0);
        Path filler = dataDir.resolve("filler-3");
        fill(filler, 0);

        // the run is refused, and the history (on the same full volume) may not take its record now. The large
        // set: blocks freed inside the database file count as free space (the ballast dropped above left some),
        // and the small set's estimate can fit in them, so refusing it would depend on what was freed.
        JsonPath run = Jobs.runEtl(SampleSources.body(large));
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("insufficient storage: ");
        String id = run.getString("id");

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> history.find(id).map(j -> j.status() == JobStatus.FAILED).orElse(false));
        JobRecord recorded = history.find(id).orElseThrow();
        assertThat(recorded.error()).isEqualTo(run.getString("error"));
        assertThat(recorded.details()).containsEntry("problem", "urn:sparkify:problem:insufficient-storage");
        assertThat(Jobs.runEtl(SampleSources.body(small)).getString("status")).isEqualTo("SUCCEEDED");
    }

    private Map<String, Object> tableCounts() {
        JsonPath schema = given().when().get("/schema").then().statusCode(200).extract().jsonPath();
        List<String> names = schema.getList("name", String.class);
        List<Object> rows = schema.getList("rows");
        Map<String, Object> counts = new java.util.TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            counts.put(names.get(i), rows.get(i));
        }
        return counts;
    }

    /** Bytes of every file in the data directory: database, write-ahead log, temporary files, history. */
    /** Rows of {@code from} (a table, or a table and a condition), read past the service's guard. */
    private long count(String from) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("cannot count " + from + ": " + e.getMessage(), e);
        }
    }

    private long walBytes() throws IOException {
        Path wal = dataDir.resolve("warehouse.duckdb.wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    private long usage() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            long total = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try {
                    total += Files.size(f);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a write-ahead log the checkpoint just folded in
                }
            }
            return total;
        }
    }

    /** What DuckDB spilled to its temporary directory and did not remove. */
    private List<Path> temporaryFiles() throws IOException {
        Path tmp = dataDir.resolve("warehouse.duckdb.tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    /** Writes a file that leaves {@code keep} bytes free on the volume. */
    private static void fill(Path file, long keep) throws IOException {
        long left = Files.getFileStore(file.getParent()).getUsableSpace() - keep;
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (left > 0) {
                block.clear();
                if (left < block.capacity()) {
                    block.limit((int) left);
                }
                left -= out.write(block);
            }
        }
    }

    private static Path generate(String name, int songs, long events) throws IOException {
        Path root = Fixtures.newRoot("full-disk-" + name);
        new SampleDataGenerator().generate(GeneratorOptions.builder().songs(songs).events(events).build(),
                new DirectorySink(root));
        return root;
    }

    /** The bytes a run lists: every song file and event log. */
    private static long jsonBytes(Path root) throws IOException {
        long total = 0;
        for (String folder : List.of("song_data", "log_data")) {
            try (Stream<Path> files = Files.walk(root.resolve(folder))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    total += Files.size(f);
                }
            }
        }
        return total;
    }
}
