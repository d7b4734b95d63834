package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sparkify.warehouse.warehouse.TestWarehouse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upkeep after a committed run: the engine's {@code afterCommittedRun} runs only after an ETL run
 * that SUCCEEDED, and its outcome goes into the finished job's details under {@code maintenance}.
 */
class WarehouseUpkeepTest {

    /** An engine that counts its upkeep calls and reports a fixed outcome. */
    private static final class CountingWarehouse extends TestWarehouse {
        final List<String> calls = new ArrayList<>();

        @Override
        public void maintain() {
            calls.add("maintain");
        }

        @Override
        public String afterCommittedRun() {
            calls.add("afterCommittedRun");
            return "VACUUM DELETE ONLY and ANALYZE of 7 tables done";
        }
    }

    private static JobRecord finished(JobType type, JobStatus status) {
        Instant now = Instant.now();
        return JobRecord.builder("job-1", type, status).createdAt(now).startedAt(now).finishedAt(now).durationMs(0L)
                .steps(List.of()).loadErrors(List.of()).loadErrorCount(0L).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "ETL_RUN, SUCCEEDED, true", "ETL_RUN, FAILED, false", "ETL_RUN, CANCELLED, false",
            "SCHEMA_RESET, SUCCEEDED, false" })
    void shouldRunTheUpkeepAfterACommittedRunOnlyAndRecordItsOutcome(JobType type, JobStatus status,
            boolean expected) {
        CountingWarehouse warehouse = new CountingWarehouse();
        Map<String, String> details = new LinkedHashMap<>();

        new WarehouseMaintenance(warehouse).afterJob(new JobFinished(finished(type, status), details::put));

        assertThat(warehouse.calls).containsExactlyElementsOf(expected ? List.of("maintain", "afterCommittedRun")
                : List.of("maintain"));
        assertThat(details).isEqualTo(expected
                ? Map.of(WarehouseMaintenance.DETAIL, "VACUUM DELETE ONLY and ANALYZE of 7 tables done")
                : Map.of());
    }
}
