package com.sparkify.warehouse.warehouse;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.sparkify.warehouse.run.JobFinished;

/** Storage upkeep after every job, once its result is visible, so no run waits on it. */
@ApplicationScoped
public class WarehouseMaintenance {

    private static final Logger LOG = Logger.getLogger(WarehouseMaintenance.class);

    private final Warehouse warehouse;

    public WarehouseMaintenance(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void afterJob(@Observes JobFinished finished) {
        long start = System.nanoTime();
        try {
            warehouse.maintain();
            LOG.debugf("Upkeep after job %s took %d ms", finished.job().id(), (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            // Not fatal: the engine's own thresholds still apply, and the next job tries again.
            LOG.infof("Upkeep after job %s skipped: %s", finished.job().id(), e.getMessage());
        }
    }
}
