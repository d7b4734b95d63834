package com.sparkify.warehouse.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import com.sparkify.warehouse.config.SparkifyConfig;

import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;

import org.jboss.logging.Logger;

/**
 * With {@code sparkify.exit-when-ready}, the service stops as soon as its own readiness probe answers:
 * the training start that writes the class-data archive the service then starts from (README, "Running
 * the packaged service and Docker").
 * The probe goes through HTTP on the loopback address (the training binds there), as an orchestrator's
 * does, so the classes that answer it are archived too.
 * The exit status says whether the service became ready.
 */
@ApplicationScoped
public class ExitWhenReady {

    private static final Logger LOG = Logger.getLogger(ExitWhenReady.class);

    private final AtomicBoolean probed = new AtomicBoolean();

    /** Fired asynchronously, on a worker thread, once for each of the server's event-loop listeners. */
    void onServerStart(@ObservesAsync HttpServerStart started, SparkifyConfig config, HttpServer server)
            throws InterruptedException {
        if (!config.exitWhenReady() || !probed.compareAndSet(false, true)) {
            return;
        }
        int status = probe(URI.create("http://127.0.0.1:" + port(server) + "/q/health/ready"));
        LOG.infof("sparkify.exit-when-ready: readiness answered %d, stopping", status);
        Quarkus.asyncExit(status == 200 ? 0 : 1);
    }

    /** The port the server listens on (a training start asks for any free one), once Quarkus has published it. */
    private static int port(HttpServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return server.getPort();
            } catch (IllegalArgumentException notYetPublished) {
                if (System.nanoTime() > deadline) {
                    throw notYetPublished;
                }
                Thread.sleep(10);
            }
        }
    }

    private static int probe(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(60_000);
            try {
                int status = connection.getResponseCode();
                try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    if (body != null) {
                        body.readAllBytes();
                    }
                }
                return status;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            LOG.warnf("sparkify.exit-when-ready: readiness probe failed: %s", e.getMessage());
            return -1;
        }
    }
}
