package com.sparkify.warehouse.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link SparkifyConfig.Etl} for tests: the shipped defaults unless a test says otherwise.
 */
public record TestEtlSettings(int maxErrors, int readerThreads, int maxRecordBytes, boolean truncateColumns,
        String defaultMode, Optional<String> schedule, String scheduleMode) implements SparkifyConfig.Etl {

    /** As {@code @WithDefault} sets them in {@link SparkifyConfig.Etl}. */
    public static TestEtlSettings defaults() {
        return new TestEtlSettings(0, 0, 4_194_304, true, "full", Optional.empty(), "incremental");
    }

    public TestEtlSettings withDefaultMode(String mode) {
        return new TestEtlSettings(maxErrors, readerThreads, maxRecordBytes, truncateColumns, mode, schedule,
                scheduleMode);
    }

    /** A configuration holding these ETL settings and nothing else (every other group is null). */
    public SparkifyConfig config() {
        SparkifyConfig.Etl etl = this;
        return new SparkifyConfig() {
            @Override
            public Path dataDir() {
                return null;
            }

            @Override
            public boolean exitWhenReady() {
                return false;
            }

            @Override
            public WarehouseSettings warehouse() {
                return null;
            }

            @Override
            public Source source() {
                return null;
            }

            @Override
            public Etl etl() {
                return etl;
            }

            @Override
            public DuckDb duckdb() {
                return null;
            }

            @Override
            public Sample sample() {
                return null;
            }
        };
    }
}
