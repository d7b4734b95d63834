package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import javax.sql.DataSource;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Warehouse;

import org.junit.jupiter.api.Test;

/**
 * A run's mode: the request's in any case, else {@code sparkify.etl.default-mode}; anything else, or
 * incremental on an engine that cannot run it as configured, refused naming {@code mode}.
 */
class EtlModeTest {

    @Test
    void shouldTakeTheRequestsModeInAnyCaseOverTheDefault() {
        WarehouseJobs jobs = jobs("full", null);

        assertThat(jobs.mode("incremental")).isEqualTo(EtlMode.INCREMENTAL);
        assertThat(jobs.mode(" Incremental ")).isEqualTo(EtlMode.INCREMENTAL);
        assertThat(jobs.mode("FULL")).isEqualTo(EtlMode.FULL);
        assertThat(jobs.mode(null)).isEqualTo(EtlMode.FULL);
        assertThat(jobs("incremental", null).mode(null)).isEqualTo(EtlMode.INCREMENTAL);
        assertThat(EtlMode.INCREMENTAL.value()).isEqualTo("incremental");
    }

    @Test
    void shouldRefuseAModeThatIsNotOneNamingTheFieldOrTheSetting() {
        assertThatThrownBy(() -> jobs("full", null).mode("sideways")).isInstanceOf(InvalidEtlModeException.class)
                .hasMessage("must be \"full\" or \"incremental\", not \"sideways\"")
                .satisfies(e -> assertThat(((InvalidEtlModeException) e).field()).isEqualTo("mode"));
        assertThatThrownBy(() -> jobs("nightly", null).mode(null)).isInstanceOf(InvalidEtlModeException.class)
                .hasMessageContaining("not \"nightly\"").hasMessageContaining("sparkify.etl.default-mode")
                .hasMessageContaining("SPARKIFY_ETL_DEFAULT_MODE");
    }

    @Test
    void shouldRefuseIncrementalWhereTheEngineSaysWhatToSetButStillRunFull() {
        WarehouseJobs jobs = jobs("incremental", "set sparkify.redshift.staging-prefix");

        assertThatThrownBy(() -> jobs.mode("incremental")).isInstanceOf(InvalidEtlModeException.class)
                .hasMessage("set sparkify.redshift.staging-prefix");
        assertThatThrownBy(() -> jobs.mode(null)).isInstanceOf(InvalidEtlModeException.class);
        assertThat(jobs.mode("full")).isEqualTo(EtlMode.FULL);
    }

    private static WarehouseJobs jobs(String defaultMode, String incrementalUnavailable) {
        Warehouse warehouse = new Warehouse() {
            @Override
            public String engine() {
                return "duckdb";
            }

            @Override
            public SqlLibrary sql() {
                return new SqlLibrary("duckdb");
            }

            @Override
            public DataSource dataSource() {
                return null;
            }

            @Override
            public String location() {
                return "nowhere";
            }

            @Override
            public StagingReport stage(EtlSources sources, StagingListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> incrementalUnavailable() {
                return Optional.ofNullable(incrementalUnavailable);
            }
        };
        SparkifyConfig.Etl etl = new SparkifyConfig.Etl() {
            @Override
            public int maxErrors() {
                return 0;
            }

            @Override
            public int readerThreads() {
                return 0;
            }

            @Override
            public int maxRecordBytes() {
                return 4_194_304;
            }

            @Override
            public boolean truncateColumns() {
                return true;
            }

            @Override
            public String defaultMode() {
                return defaultMode;
            }

            @Override
            public Optional<String> schedule() {
                return Optional.empty();
            }

            @Override
            public String scheduleMode() {
                return "incremental";
            }
        };
        SparkifyConfig config = new SparkifyConfig() {
            @Override
            public Path dataDir() {
                return null;
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

            @Override
            public boolean exitWhenReady() {
                return false;
            }
        };
        return new WarehouseJobs(null, warehouse, null, null, null, null, null, config, null);
    }
}
