package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sparkify.warehouse.config.TestEtlSettings;
import com.sparkify.warehouse.warehouse.TestWarehouse;

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
        return new WarehouseJobs(null, TestWarehouse.incrementalUnavailable(incrementalUnavailable), null, null, null,
                null, null, TestEtlSettings.defaults().withDefaultMode(defaultMode).config(), null, null);
    }
}
