package com.sparkify.warehouse.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.warehouse.Warehouse;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the warehouse answers a trivial query.
 */
@Readiness
@ApplicationScoped
public class WarehouseHealthCheck implements HealthCheck {

    private final Warehouse warehouse;

    public WarehouseHealthCheck(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("warehouse")
                .withData("engine", warehouse.engine())
                .withData("location", warehouse.location());
        try (Connection c = warehouse.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
