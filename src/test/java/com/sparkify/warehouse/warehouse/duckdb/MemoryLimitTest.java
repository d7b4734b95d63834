package com.sparkify.warehouse.warehouse.duckdb;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.generator.DirectorySink;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * DuckDB with less memory and temporary storage than a run needs: the run fails naming the setting to
 * raise, reads are answered throughout from the star schema loaded before, nothing is left in the
 * temporary directory, and the next run that fits succeeds.
 */
@QuarkusTest
@TestProfile(MemoryLimitTest.SmallMemory.class)
class MemoryLimitTest {

    static final String DATA_DIR = "target/test-data/memory-limit";

    /** Enough memory for a small run; a large one must spill more than the temporary storage may hold. */
    public static class SmallMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sparkify.data-dir", DATA_DIR,
                    "sparkify.source.allowed-local-roots", "target/test-data",
                    "sparkify.duckdb.memory-limit", "24MB",
                    "quarkus.datasource.duckdb.jdbc.additional-jdbc-properties.max_temp_directory_size", "2MB");
        }
    }

    private static Path large;

    @BeforeAll
    static void sources() throws IOException {
        large = Fixtures.newRoot("memory-limit-large");
        new SampleDataGenerator().generate(GeneratorOptions.builder().songs(2_000).events(200_000).build(),
                new DirectorySink(large));
    }

    @Test
    void shouldFailARunThatNeedsMoreMemoryNamingTheSettingAndKeepAnswering() throws IOException {
        Jobs.awaitIdle();
        Jobs.resetSchema();
        String small = SampleSources.write(Fixtures.newRoot("memory-limit-small"));
        assertThat(Jobs.runEtl(small).getString("status")).isEqualTo("SUCCEEDED");
        String summary = given().when().get("/analytics/summary").then().statusCode(200).extract().asString();
        Map<String, Integer> star = starCounts();
        assertThat(star).containsEntry("songplays", 6); // SampleSources' hand-worked result

        JsonPath run = Jobs.runEtl(SampleSources.body(large));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("sparkify.duckdb.memory-limit (now 24MB)")
                .doesNotContain("Stack Trace");
        assertThat(given().when().get("/analytics/summary").then().statusCode(200).extract().asString())
                .isEqualTo(summary);
        // the transform rolled back: the star schema is the one loaded before (staging, its own
        // transaction, holds the failed run's rows until the next run replaces them)
        assertThat(starCounts()).isEqualTo(star);
        assertThat(temporaryFiles()).isEmpty();
        assertThat(Jobs.runEtl(small).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(starCounts()).isEqualTo(star);
    }

    private static Map<String, Integer> starCounts() {
        JsonPath schema = given().when().get("/schema").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String table : List.of("songplays", "users", "songs", "artists", "time")) {
            counts.put(table, schema.getInt("find { it.name == '" + table + "' }.rows"));
        }
        return counts;
    }

    /** What DuckDB spilled to its temporary directory and did not remove. */
    private static List<Path> temporaryFiles() throws IOException {
        Path tmp = Path.of(DATA_DIR, "warehouse.duckdb.tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }
}
