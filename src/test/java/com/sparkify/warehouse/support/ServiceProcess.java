package com.sparkify.warehouse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, for tests that
 * must kill it for real. Talks to it over plain HTTP.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String TOKEN = "it-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Integer debugPort;
    private Breakpoints breakpoints;

    private ServiceProcess(Process process, String base, Integer debugPort) {
        this.process = process;
        this.base = base;
        this.debugPort = debugPort;
    }

    /**
     * Starts the jar (production profile, as deployed) and waits until it is ready. {@code settings}
     * become {@code -D} options and win over the defaults here (loopback, token, no sample data).
     */
    public static ServiceProcess start(Path log, Map<String, String> settings) throws Exception {
        return start(log, settings, null);
    }

    /**
     * Starts the jar as {@link #start} does, with a debugger port on the loopback interface, and attaches
     * to it: {@link #breakpoints()} can then hold the service at a chosen call.
     */
    public static ServiceProcess startDebuggable(Path log, Map<String, String> settings) throws Exception {
        ServiceProcess service = start(log, settings, freePort());
        service.breakpoints = Breakpoints.attach(service.debugPort);
        return service;
    }

    private static ServiceProcess start(Path log, Map<String, String> settings, Integer debugPort) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m"));
        if (debugPort != null) {
            command.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + debugPort);
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dsparkify.api.token=" + TOKEN, "-Dsparkify.sample.generate-on-start=false"));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServiceProcess service = new ServiceProcess(process, "http://127.0.0.1:" + port, debugPort);
        service.awaitReady();
        return service;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Holds the service at chosen calls; only for a service from {@link #startDebuggable}. */
    public Breakpoints breakpoints() {
        if (breakpoints == null) {
            throw new IllegalStateException("the service was not started with a debugger port");
        }
        return breakpoints;
    }

    private void awaitReady() {
        Waits.waitFor("the service to become ready", Duration.ofMinutes(3))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("the service exited; see its log", () -> !process.isAlive())
                .until(() -> get("/q/health/ready").statusCode() == 200);
    }

    /** The service's root URL, with a trailing slash. */
    /** The service's process id (its memory maps, threads, open files under /proc on Linux). */
    public long pid() {
        return process.pid();
    }

    public String baseUri() {
        return base + "/";
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** POSTs with the token and returns the Location of the accepted job. */
    public String post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Polls a job until it ends. */
    public JsonNode await(String location) {
        return Waits.waitFor("job " + location + " to end", Duration.ofMinutes(5))
                .until(() -> json(location), job -> !job.path("status").asText().equals("QUEUED")
                        && !job.path("status").asText().equals("RUNNING"));
    }

    /** SIGKILL: no shutdown hook, no chance to tidy up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        if (breakpoints != null) {
            breakpoints.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (breakpoints != null) {
            breakpoints.close();
        }
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
