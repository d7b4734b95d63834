package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The start-up warm-up ({@code sparkify.duckdb.warm-up}, off in tests so it runs here on demand) really
 * stages: every generated song file and event goes through the loader, pass after pass, into a scratch catalog;
 * the event logs alternately through DuckDB's reader and the service's appenders (whose full chunks the
 * song files alone never reach); the warehouse keeps its tables and rows, and the generated files are gone
 * afterwards.
 */
@QuarkusTest
class LoaderWarmUpTest {

    private static final String TABLES = "SELECT database_name || '.' || table_name || ':' || estimated_size "
            + "FROM duckdb_tables() ORDER BY 1";

    @Inject
    Warehouse warehouse;

    @Inject
    WarehouseQueries queries;

    @Inject
    SourceService sources;

    @Inject
    SparkifyConfig config;

    @Inject
    ObjectMapper json;

    @Test
    void shouldStageEveryGeneratedRecordOnEachPassAndLeaveTheWarehouseAsItWas() throws Exception {
        Jobs.awaitIdle();
        Path root = Fixtures.newRoot("warm-up");
        Jobs.resetSchema();
        JsonPath run = Jobs.runEtl(SampleSources.write(root));
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        List<List<Object>> tablesBefore = queries.rows(TABLES);
        Set<Path> scratchBefore = scratchDirectories();

        LoaderWarmUp.Summary warmUp = warmUp(true);

        // 1,000 one-song files and 20,000 events per pass, two to six passes (until the JIT is quiet):
        // a record lost or refused would leave a remainder.
        assertThat(warmUp.rows() % (1_000 + 20_000)).isZero();
        long passes = warmUp.rows() / (1_000 + 20_000);
        assertThat(passes).isBetween(2L, 6L);
        assertThat(warmUp.eventReaders()).hasSize((int) passes);
        for (int i = 0; i < passes; i++) {
            assertThat(warmUp.eventReaders().get(i)).as("pass %d", i + 1).isEqualTo(i % 2 == 0 ? "duckdb" : "service");
        }
        assertThat(queries.rows(TABLES)).isEqualTo(tablesBefore);
        assertThat(queries.count("staging_events")).isEqualTo(8);
        assertThat(queries.count("songplays")).isEqualTo(6);
        assertThat(queries.single("SELECT COUNT(*) FROM duckdb_databases() WHERE database_name = '"
                + LoaderWarmUp.CATALOG + "'")).isZero();
        assertThat(scratchDirectories()).isEqualTo(scratchBefore);
    }

    @Test
    void shouldLoadTheLogsThroughTheAppendersInEveryPassWhenDuckDbsReaderIsOff() throws Exception {
        LoaderWarmUp.Summary warmUp = warmUp(false);

        assertThat(warmUp.rows()).isEqualTo(warmUp.eventReaders().size() * (1_000L + 20_000L));
        assertThat(warmUp.eventReaders()).hasSizeBetween(2, 6).containsOnly("service");
    }

    private LoaderWarmUp.Summary warmUp(boolean nativeReader) throws Exception {
        return new LoaderWarmUp(warehouse.dataSource(), warehouse.sql(), sources, config.etl(), json, nativeReader)
                .run();
    }

    private static Set<Path> scratchDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(LoaderWarmUp.DIRECTORY_PREFIX))
                    .collect(Collectors.toSet());
        }
    }
}
