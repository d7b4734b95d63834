package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * DuckDB's upkeep after each job: with the engine's own checkpoint threshold raised out of reach, the
 * {@code CHECKPOINT} fired on {@code JobFinished} is what folds the write-ahead log into the database.
 * The observable is the log file next to the database, which DuckDB deletes on a checkpoint; the
 * second test shows the same file does stay and grow when writes happen outside any job.
 */
@QuarkusTest
class WarehouseMaintenanceTest {

    private static final String PROBE = "maintenance_probe";

    @Inject
    WarehouseQueries warehouse;

    @ConfigProperty(name = "sparkify.data-dir")
    String dataDir;

    @BeforeEach
    void idle() {
        Jobs.awaitIdle();
    }

    @AfterEach
    void dropProbe() {
        warehouse.execute("DROP TABLE IF EXISTS " + PROBE);
    }

    @Test
    void shouldFoldTheWriteAheadLogIntoTheDatabaseAfterEachJob() throws Exception {
        Path root = Files.createDirectories(Path.of(dataDir, "fixtures/maintenance-" + UUID.randomUUID()));
        Jobs.resetSchema();
        awaitEmptyLog("after the schema reset");

        // A write of the test's own leaves the log non-empty, so an empty log below is the job's doing.
        writeOutsideAJob(1_000);
        assertThat(walBytes()).isPositive();

        JsonPath run = Jobs.runEtl(SampleSources.write(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        // The upkeep runs on the job thread once the final status is saved, so it may trail the status by a moment.
        awaitEmptyLog("after the ETL run");
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count(PROBE)).isEqualTo(1_000);
    }

    @Test
    void shouldLeaveTheWriteAheadLogGrowingWithoutAJob() throws Exception {
        // 128MB as DuckDB shows it; its default, 16 MiB, would let a large enough write checkpoint by itself.
        assertThat(warehouse.rows("SELECT current_setting('checkpoint_threshold')").get(0).get(0))
                .isEqualTo("122.0 MiB");
        Jobs.resetSchema();
        awaitEmptyLog("after the schema reset");
        assertThat(database()).exists();

        writeOutsideAJob(1_000);
        long first = walBytes();
        writeOutsideAJob(2_000);
        long second = walBytes();
        Thread.sleep(500);

        // No job, no upkeep: below the raised threshold DuckDB itself leaves the log alone.
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(walBytes()).isEqualTo(second);
    }

    /** A committed write through the datasource, as nothing in the service does outside a job. */
    private void writeOutsideAJob(int rows) {
        warehouse.execute("CREATE OR REPLACE TABLE " + PROBE + " AS SELECT range AS i, 'row ' || range AS label FROM range("
                + rows + ")");
    }

    private void awaitEmptyLog(String when) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (walBytes() > 0) {
            if (Instant.now().isAfter(deadline)) {
                fail("the write-ahead log still holds " + walBytes() + " bytes 10 s " + when);
            }
            Thread.sleep(20);
        }
    }

    private Path database() {
        return Path.of(dataDir, "warehouse.duckdb");
    }

    /** The write-ahead log's size; 0 when there is none, as after a checkpoint. */
    private long walBytes() throws IOException {
        Path wal = Path.of(dataDir, "warehouse.duckdb.wal");
        try {
            return Files.size(wal);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
