package com.sparkify.warehouse.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.sparkify.warehouse.api.JsonWarmUp;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Starts the warm-up ({@code sparkify.duckdb.warm-up}) in the background at start-up and reports not
 * ready until it is over, so an orchestrator sends the first run to a service whose loader is compiled
 * and whose job JSON needs no more classes: first {@link JsonWarmUp}, then the loader's. A failed
 * warm-up only costs speed: it is logged and readiness goes up.
 */
@Readiness
@ApplicationScoped
public class WarmUpHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUpHealthCheck.class);

    private final Warehouse warehouse;
    private final JsonWarmUp json;
    private final SparkifyConfig config;
    private volatile boolean done = true;

    public WarmUpHealthCheck(Warehouse warehouse, JsonWarmUp json, SparkifyConfig config) {
        this.warehouse = warehouse;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.duckdb().warmUp()) {
            return;
        }
        done = false;
        Thread thread = new Thread(this::warmUp, "sparkify-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmUp() {
        long start = System.nanoTime();
        try {
            json.run();
            long rows = warehouse.warmUp();
            if (rows > 0) {
                LOG.infof("Loader warmed up on %d generated rows in %d ms", rows, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (Exception | LinkageError e) {
            LOG.warnf("Loader warm-up failed, the first run will be slower: %s", e.getMessage());
        } finally {
            done = true;
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("loader-warm-up").status(done).build();
    }
}
