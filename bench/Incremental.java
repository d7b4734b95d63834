import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Times an incremental run beside a full run over the same files, in one service process: a full load of
 * the generated set, then for each increment (its files copied in beside the set) an incremental run and
 * a full run, then an incremental run with nothing new. Run through bench/incremental.sh, which builds the
 * jar and generates the set and its increments.
 *
 *   java -cp target/quarkus-app/quarkus-run.jar bench/Incremental.java DATA_DIR WORK_DIR INCREMENT_DIR...
 *
 * BENCH_APP=DIR runs the service from another build's quarkus-app folder (paired invocations of two builds).
 * Each incremental run also prints the service's CPU during it, per thread name (threads that ended during
 * the run, such as a walk's pool, count as "ended").
 */
public class Incremental {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "bench-token";
    /** The JVM options the service ships with, as in Bench.java. */
    static final List<String> SHIPPED_JVM_OPTIONS = List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-XX:CompileThresholdScaling=4");

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        List<Path> increments = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            increments.add(Path.of(args[i]).toAbsolutePath());
        }
        // The set as generated: increments copied in by an earlier invocation go first.
        for (Path increment : increments) {
            for (Path file : files(increment)) {
                Files.deleteIfExists(data.resolve(increment.relativize(file)));
            }
        }
        int port = 19080 + (int) (ProcessHandle.current().pid() % 1000);
        String base = "http://127.0.0.1:" + port;
        Files.createDirectories(work);
        deleteTree(work.resolve("svc"));
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(SHIPPED_JVM_OPTIONS);
        // Extra options, e.g. BENCH_JAVA_OPTS=-Dsparkify.duckdb.memory-limit=1GB (then no longer as shipped).
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
            System.out.println("not as shipped: BENCH_JAVA_OPTS=" + extra.trim());
        }
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dsparkify.data-dir=" + work.resolve("svc"),
                "-Dsparkify.source.song-data=" + data.resolve("song_data"),
                "-Dsparkify.source.log-data=" + data.resolve("log_data"),
                "-Dsparkify.source.log-jsonpaths=" + data.resolve("log_json_path.json"),
                "-Dsparkify.source.allowed-local-roots=" + data,
                "-Dsparkify.sample.generate-on-start=false",
                "-Dsparkify.api.token=" + TOKEN,
                "-jar", app() + "/quarkus-run.jar"));
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile()).start();
        List<String> ratios = new ArrayList<>();
        try {
            waitReady(base);
            runJob(base, "/schema/reset", null);
            dropCaches();
            JsonNode load = succeeded(runJob(base, "/etl/runs", "{\"mode\":\"full\"}"));
            System.out.println("full_load etl_ms=" + load.path("durationMs").asLong() + " counts="
                    + load.path("tableCounts") + steps(load));
            for (int i = 0; i < increments.size(); i++) {
                copyInto(increments.get(i), data);
                Thread.sleep(1000); // the service's post-run checkpoint
                dropCaches();
                long pid = service.pid();
                long cpuBefore = cpuMs(pid);
                var threadsBefore = threadCpuMs(pid);
                JsonNode incremental = succeeded(runJob(base, "/etl/runs", "{\"mode\":\"incremental\"}"));
                String cpu = cpuLine(pid, cpuBefore, threadsBefore);
                Thread.sleep(1000);
                dropCaches();
                JsonNode full = succeeded(runJob(base, "/etl/runs", "{\"mode\":\"full\"}"));
                long inc = incremental.path("durationMs").asLong();
                long all = full.path("durationMs").asLong();
                ratios.add(String.format("%.3f", inc / (double) all));
                // Same files, so the same star schema: the counts must agree (ids may differ, counts may not).
                boolean same = withoutStaging(incremental.path("tableCounts")).equals(withoutStaging(full.path("tableCounts")));
                System.out.printf("increment %d incremental_ms=%d full_ms=%d ratio=%.3f counts_equal=%s new=\"%s\"%n",
                        i + 1, inc, all, inc / (double) all, same, incremental.path("details").path("incremental").asText());
                System.out.println("  incremental" + steps(incremental));
                System.out.println("  incremental cpu" + cpu);
                System.out.println("  full" + steps(full));
                System.out.println("  counts incremental=" + incremental.path("tableCounts") + " full="
                        + full.path("tableCounts"));
            }
            Thread.sleep(1000);
            long cpuBefore = cpuMs(service.pid());
            var threadsBefore = threadCpuMs(service.pid());
            JsonNode nothing = succeeded(runJob(base, "/etl/runs", "{\"mode\":\"incremental\"}"));
            String cpu = cpuLine(service.pid(), cpuBefore, threadsBefore);
            System.out.println("nothing_new etl_ms=" + nothing.path("durationMs").asLong() + steps(nothing));
            System.out.println("  nothing_new cpu" + cpu);
            System.out.println("summary ratios=" + ratios + " goal<=0.100");
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static String app() {
        String app = System.getenv("BENCH_APP");
        return app == null || app.isBlank() ? "target/quarkus-app" : app;
    }

    /** " process=ms" and " group=ms" per thread name since the figures given, largest first (as Bench.java). */
    private static String cpuLine(long pid, long processBefore, java.util.Map<String, Long> threadsBefore)
            throws IOException {
        long process = cpuMs(pid) - processBefore;
        java.util.Map<String, Long> after = threadCpuMs(pid);
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        long[] counted = { 0 };
        after.forEach((key, ms) -> {
            long delta = ms - threadsBefore.getOrDefault(key, 0L);
            if (delta > 0) {
                counted[0] += delta;
                groups.merge(key.substring(0, key.lastIndexOf('/')).replaceAll("[0-9]+", "#"), delta, Long::sum);
            }
        });
        StringBuilder line = new StringBuilder(" process=" + process + " ended=" + (process - counted[0]));
        groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12)
                .forEach(e -> line.append(' ').append(e.getKey().replace(' ', '_')).append('=').append(e.getValue()));
        return line.toString();
    }

    /** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
    private static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** CPU time so far of each live thread, in ms, by "name/tid" (/proc/PID/task). */
    private static java.util.Map<String, Long> threadCpuMs(long pid) throws IOException {
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(name + "/" + task.getFileName(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return cpu;
    }

    private static JsonNode withoutStaging(JsonNode counts) {
        var copy = counts.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("staging_events", "staging_songs"));
        return copy;
    }

    private static JsonNode succeeded(JsonNode run) {
        if (!"SUCCEEDED".equals(run.path("status").asText())) {
            throw new IllegalStateException("run did not succeed: " + run);
        }
        return run;
    }

    private static void copyInto(Path increment, Path data) throws IOException {
        for (Path file : files(increment)) {
            Path target = data.resolve(increment.relativize(file));
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** " name=ms" for each of a run's steps. */
    private static String steps(JsonNode run) {
        StringBuilder line = new StringBuilder();
        for (JsonNode step : run.path("steps")) {
            line.append(' ').append(step.path("name").asText()).append('=').append(step.path("durationMs").asLong());
        }
        return line.toString();
    }

    /** As Bench.java: an empty page cache before each timed run unless BENCH_CACHE=warm. */
    private static void dropCaches() throws Exception {
        if ("warm".equals(System.getenv("BENCH_CACHE"))) {
            return;
        }
        Path drop = Path.of("/proc/sys/vm/drop_caches");
        if (!Files.isWritable(drop)) {
            System.out.println("page cache: cannot drop it (not root), figures are warm-cache");
            return;
        }
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Files.writeString(drop, "3");
    }

    private static void waitReady(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(base + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    private static JsonNode runJob(String base, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN);
        request = body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> started = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + started.statusCode() + ": " + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        while (true) {
            JsonNode job = JSON.readTree(get(location).body());
            String status = job.path("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            // The run's times are the service's own; a slower poll only keeps this JVM off the cores.
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }
}
