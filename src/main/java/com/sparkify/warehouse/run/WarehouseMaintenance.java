package com.sparkify.warehouse.run;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.sparkify.warehouse.warehouse.Warehouse;

/** Storage upkeep after every job, once its result is visible, so no run waits on it. */
@ApplicationScoped
public class WarehouseMaintenance {

    private static final Logger LOG = Logger.getLogger(WarehouseMaintenance.class);

    private static final int ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MS = 100;

    private final Warehouse warehouse;

    public WarehouseMaintenance(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The finished job's detail that holds the upkeep's outcome after an ETL run. */
    public static final String DETAIL = "maintenance";

    void afterJob(@Observes JobFinished finished) {
        compact(finished);
        if (finished.job().type() == JobType.ETL_RUN && finished.job().status() == JobStatus.SUCCEEDED) {
            String outcome = warehouse.afterCommittedRun();
            if (outcome != null) {
                LOG.infof("Upkeep after run %s: %s", finished.job().id(), outcome);
                finished.detail(DETAIL, outcome);
            }
        }
    }

    private void compact(JobFinished finished) {
        long start = System.nanoTime();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                warehouse.maintain();
                LOG.debugf("Upkeep after job %s took %d ms", finished.job().id(),
                        (System.nanoTime() - start) / 1_000_000);
                return;
            } catch (SQLException e) {
                // A write committing meanwhile (the next job being queued) interrupts DuckDB's checkpoint;
                // once it has, the checkpoint goes through. Skipped upkeep is not fatal: the engine's own
                // threshold still applies and the next job tries again.
                if (attempt == ATTEMPTS) {
                    LOG.infof("Upkeep after job %s skipped: %s", finished.job().id(), e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(RETRY_PAUSE_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
