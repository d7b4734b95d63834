package com.sparkify.warehouse.health;

import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.warehouse.Warehouse;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the engine says it cannot come back without a restart. An unreachable cluster or a
 * database being reopened is not that: readiness reports those, and restarting would not help.
 */
@Liveness
@ApplicationScoped
public class WarehouseLivenessCheck implements HealthCheck {

    private final Warehouse warehouse;

    public WarehouseLivenessCheck(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("warehouse-engine")
                .withData("engine", warehouse.engine());
        return warehouse.broken()
                .map(reason -> response.down().withData("error", reason).build())
                .orElseGet(() -> response.up().build());
    }
}
