package com.sparkify.warehouse.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.health.Readiness;

/**
 * Runs the readiness check once on a worker thread as the service starts, so the warehouse's first
 * connection opens while the rest of the start (the job history's check, the HTTP server) goes on,
 * instead of inside the first readiness probe. Production profile only: tests prepare the warehouse's
 * files before they first use it, and an open they did not ask for would race with that.
 */
@IfBuildProfile("prod")
@ApplicationScoped
public class WarehouseOpenAtStart {

    /** Before the other start-up observers (the job history's check), so the open overlaps them. */
    void onStart(@Observes @Priority(1) StartupEvent event, @Readiness WarehouseHealthCheck readiness,
            ManagedExecutor executor) {
        executor.runAsync(readiness::call);
    }
}
