package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * An observer of {@link JobFinished} (the upkeep after a run) may add a detail to the finished job: it
 * is saved with the job, whose status stays what it was.
 */
class JobFinishedDetailTest {

    @Test
    void shouldSaveADetailTheUpkeepAddsWithoutChangingTheStatus() {
        String outcome = "VACUUM DELETE ONLY and ANALYZE of 7 tables done";
        JobService service = TestJobs.inMemoryService(finished -> {
            if (finished.job().type() == JobType.ETL_RUN) {
                finished.detail(WarehouseMaintenance.DETAIL, outcome);
            }
        });
        try {
            JobRecord run = TestJobs.await(service, service.submit(JobType.ETL_RUN, null, job -> {
            }).id(), Duration.ofSeconds(30));
            // Jobs run one at a time, each after the previous one's observers: once the reset has ended,
            // the run's detail has been saved.
            TestJobs.await(service, service.submit(JobType.SCHEMA_RESET, null, job -> {
            }).id(), Duration.ofSeconds(30));

            JobRecord saved = service.find(run.id()).orElseThrow();
            assertThat(saved.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(saved.details()).containsEntry(WarehouseMaintenance.DETAIL, outcome);
            assertThat(service.find(run.id()).orElseThrow().finishedAt()).isEqualTo(run.finishedAt());
        } finally {
            TestJobs.stop(service);
        }
    }
}
