package com.sparkify.warehouse.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.duckdb.DuckDBDriver;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.warehouse.TestWarehouse;

/**
 * Readiness follows the warehouse: down while it cannot be reached, up again once it can.
 */
class WarehouseHealthCheckTest {

    /** An in-memory DuckDB behind a switch that makes every connection attempt fail. */
    static final class Unreliable extends TestWarehouse {
        volatile boolean reachable = true;

        Unreliable() {
            super("duckdb", null, "jdbc:duckdb:", null);
        }

        @Override
        public DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (!reachable) {
                            throw new SQLException("connection refused");
                        }
                        // The driver itself: DriverManager may hold a DuckDB driver of another test's class loader.
                        return new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                    });
        }
    }

    @Test
    void shouldGoDownWhileTheWarehouseIsUnreachableAndComeBack() {
        Unreliable warehouse = new Unreliable();
        WarehouseHealthCheck check = new WarehouseHealthCheck(warehouse);

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        warehouse.reachable = false;
        HealthCheckResponse down = check.call();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("error", "connection refused")
                .containsEntry("engine", "duckdb");
        warehouse.reachable = true;
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
