import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmarks the packaged service on the embedded engine over HTTP, against DuckDB alone on the same
 * files. Run through bench/run.sh, which builds the jar and generates the data.
 *
 *   java -cp target/quarkus-app/quarkus-run.jar bench/Bench.java DATA_DIR WORK_DIR
 */
public class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "bench-token";
    /**
     * The JVM options the service ships with: README's java -jar line and both images
     * (ShippedJvmSettingsTest keeps the four in step).
     */
    static final List<String> SHIPPED_JVM_OPTIONS = List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-XX:CompileThresholdScaling=4");
    private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int port = 18080 + (int) (ProcessHandle.current().pid() % 1000);
        String base = "http://127.0.0.1:" + port;
        Files.createDirectories(work);
        deleteTree(work.resolve("svc"));

        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(SHIPPED_JVM_OPTIONS);
        // README's start: the class-data archive the package step wrote for this jar path (ignored if missing).
        command.add("-XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa");
        // Extra JVM options for profiling, e.g. BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=x.jfr"
        // (a run with them is no longer the service as shipped).
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
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
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        Process service = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile())
                .start();
        List<Long> serviceRuns = new ArrayList<>();
        List<Long> serviceCpu = new ArrayList<>();
        List<Long> baselineRuns = new ArrayList<>();
        List<Long> baselineCpu = new ArrayList<>();
        List<Long> limitRuns = new ArrayList<>();
        List<Long> limitCpu = new ArrayList<>();
        try {
            waitReady(base);
            long rssAfterStart = peakRss(service.pid());
            JsonNode reset = runJob(base, "/schema/reset");
            dropCaches();
            long cpuBefore = cpuMs(service.pid());
            java.util.Map<String, Long> threadsBefore = threadCpuMs(service.pid());
            JsonNode etl = runJob(base, "/etl/runs");
            long etlCpu = cpuMs(service.pid()) - cpuBefore;
            System.out.println("threads_cpu_ms" + threadCpuDelta(threadsBefore, threadCpuMs(service.pid())));
            if (!"SUCCEEDED".equals(etl.path("status").asText())) {
                throw new IllegalStateException("ETL run did not succeed: " + etl);
            }
            Files.writeString(work.resolve("etl.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(etl));
            // Staging is the wall time from the listing's start to the last table's end (steps that
            // overlap count once); the transform is what follows it, quality checks included.
            Instant stagingStart = null;
            Instant stagingEnd = null;
            for (JsonNode step : etl.path("steps")) {
                String name = step.path("name").asText();
                if (name.startsWith("stage_") || name.equals("list_sources")) {
                    Instant started = Instant.parse(step.path("startedAt").asText());
                    Instant finished = Instant.parse(step.path("finishedAt").asText());
                    stagingStart = stagingStart == null || started.isBefore(stagingStart) ? started : stagingStart;
                    stagingEnd = stagingEnd == null || finished.isAfter(stagingEnd) ? finished : stagingEnd;
                }
            }
            long staging = Duration.between(stagingStart, stagingEnd).toMillis();
            long transform = Duration.between(stagingEnd,
                    Instant.parse(etl.path("finishedAt").asText())).toMillis();
            long events = etl.path("tableCounts").path("staging_events").asLong();
            long songs = etl.path("tableCounts").path("staging_songs").asLong();
            long objects = etl.path("progress").path("objectsDone").asLong();
            long etlMs = etl.path("durationMs").asLong();
            long rssPeak = peakRss(service.pid());

            // BENCH_LOAD=off skips it, for runs that only time the ETL.
            String load = "off".equals(System.getenv("BENCH_LOAD")) ? "load off\n" : loadTest(base + "/analytics/top-songs");

            System.out.printf("service reset_ms=%d etl_ms=%d staging_ms=%d transform_ms=%d cpu_ms=%d events=%d "
                    + "songs=%d objects=%d rows_per_s=%.0f objects_per_s=%.0f rss_start_mb=%d rss_peak_mb=%d%n",
                    reset.path("durationMs").asLong(), etlMs, staging, transform, etlCpu, events, songs, objects,
                    (events + songs) * 1000.0 / Math.max(1, staging), objects * 1000.0 / Math.max(1, staging),
                    rssAfterStart / 1024, rssPeak / 1024);
            System.out.print(load);
            System.out.println("steps" + steps(etl));
            // Later runs in the same service process show the figure once the JIT has compiled the
            // loaders, as for a service that has run before (BENCH_RUNS, default 3, counts all runs).
            serviceRuns.add(etlMs);
            serviceCpu.add(etlCpu);
            System.out.println("songplays=" + etl.path("tableCounts").path("songplays").asLong()
                    + " counts=" + etl.path("tableCounts"));
            // This VM's speed drifts by a quarter within minutes, so the baseline's runs alternate with
            // the service's later runs (the idle service keeps its memory meanwhile): each later run
            // is compared with the baseline run just before it.
            for (int i = 1; i <= RUNS; i++) {
                Thread.sleep(1000); // the service's post-run checkpoint
                baselineRun(data, work, true, limitRuns, limitCpu);
                baselineRun(data, work, false, baselineRuns, baselineCpu);
                if (i < RUNS) {
                    dropCaches();
                    cpuBefore = cpuMs(service.pid());
                    threadsBefore = threadCpuMs(service.pid());
                    JsonNode again = runJob(base, "/etl/runs");
                    long cpu = cpuMs(service.pid()) - cpuBefore;
                    System.out.println("threads_cpu_ms" + threadCpuDelta(threadsBefore, threadCpuMs(service.pid())));
                    serviceRuns.add(again.path("durationMs").asLong());
                    serviceCpu.add(cpu);
                    System.out.println("run " + (i + 1) + " etl_ms=" + again.path("durationMs").asLong() + " cpu_ms="
                            + cpu + steps(again));
                }
            }
            if (extra != null && extra.contains("NativeMemoryTracking")) {
                // The JVM's own share of the resident memory; the rest is DuckDB's (native, outside the JVM).
                String nmt = runJava(List.of("jcmd", Long.toString(service.pid()), "VM.native_memory", "summary"));
                for (String line : nmt.split("\n")) {
                    if (line.startsWith("Total:") || line.strip().startsWith("- ")) {
                        System.out.println("nmt " + line.strip());
                    }
                }
                System.out.println("nmt rss_now_mb=" + currentRss(service.pid()) / 1024 + " rss_peak_mb="
                        + peakRss(service.pid()) / 1024);
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
        long first = serviceRuns.get(0);
        long later = median(serviceRuns.subList(Math.min(1, serviceRuns.size() - 1), serviceRuns.size()));
        long alone = median(baselineRuns);
        long limit = median(limitRuns);
        List<String> paired = new ArrayList<>();
        List<String> pairedLimit = new ArrayList<>();
        List<String> pairedLimitCpu = new ArrayList<>();
        for (int i = 1; i < serviceRuns.size(); i++) {
            paired.add(String.format("%.2f", serviceRuns.get(i) / (double) baselineRuns.get(i - 1)));
            pairedLimit.add(String.format("%.2f", serviceRuns.get(i) / (double) limitRuns.get(i - 1)));
            pairedLimitCpu.add(String.format("%.2f", serviceCpu.get(i) / (double) limitCpu.get(i - 1)));
        }
        // The engine's limit (tables created from read_json, no keys) is the goal's measure; the
        // baseline of sessions 1-8 (the service's DDL, INSERT ... SELECT) stays for comparison.
        System.out.printf("summary service_first_ms=%d service_later_median_ms=%d limit_median_ms=%d "
                + "limit_ratio_first=%.2f limit_ratio_later=%.2f limit_paired_later=%s limit_paired_cpu_later=%s "
                + "baseline_median_ms=%d ratio_first=%.2f ratio_later=%.2f paired_later=%s service_runs=%s "
                + "limit_runs=%s baseline_runs=%s service_cpu_ms=%s limit_cpu_ms=%s baseline_cpu_ms=%s%n", first,
                later, limit, first / (double) limit, later / (double) limit, pairedLimit, pairedLimitCpu, alone,
                first / (double) alone, later / (double) alone, paired, serviceRuns, limitRuns, baselineRuns,
                serviceCpu, limitCpu, baselineCpu);
    }

    /**
     * One run of DuckDB alone (its own JVM) on a cold page cache; adds its time and CPU time. {@code created}:
     * the engine's limit, every table created by its query (Baseline.java).
     */
    private static void baselineRun(Path data, Path work, boolean created, List<Long> times, List<Long> cpu)
            throws Exception {
        dropCaches();
        // The service's checkpoint threshold, so neither side checkpoints inside its timed work.
        String baseline = runJava(List.of("java", "-DcheckpointThreshold=128MB", "-Dtables=" + (created ? "created" : "declared"),
                "-cp", "target/quarkus-app/quarkus-run.jar", "bench/Baseline.java", data.toString(), work.resolve("baseline.duckdb").toString()));
        System.out.print(baseline);
        times.add(number(baseline, "staging_ms") + number(baseline, "transform_ms"));
        cpu.add(number(baseline, "cpu_ms"));
    }

    /** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
    private static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /**
     * CPU time so far of each live thread, in ms, by "name/tid" (/proc/PID/task). Threads that ended
     * during a run are missing from its delta, which is why the process's own figure is printed too.
     */
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

    /** " group=ms" per thread name (digits dropped, so a pool counts once), largest first. */
    private static String threadCpuDelta(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        after.forEach((key, ms) -> {
            long delta = ms - before.getOrDefault(key, 0L);
            if (delta > 0) {
                groups.merge(key.substring(0, key.lastIndexOf('/')).replaceAll("[0-9]+", "#"), delta, Long::sum);
            }
        });
        StringBuilder line = new StringBuilder();
        groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> line.append(' ').append(e.getKey().replace(' ', '_')).append('=').append(e.getValue()));
        return line.toString();
    }

    /** " name=ms" for each of a run's steps. */
    private static String steps(JsonNode run) {
        StringBuilder line = new StringBuilder();
        for (JsonNode step : run.path("steps")) {
            line.append(' ').append(step.path("name").asText()).append('=').append(step.path("durationMs").asLong());
        }
        return line.toString();
    }

    private static long number(String text, String key) {
        Matcher m = Pattern.compile(key + "=(\\d+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(key + " missing from: " + text);
        }
        return Long.parseLong(m.group(1));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * BENCH_CACHE=cold (the default where allowed) empties the page cache before each timed load, so
     * both sides read the files from disk as a job does when the data has just arrived; warm keeps it.
     */
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

    private static String non2xx(String wrkOutput) {
        return wrkOutput.contains("Non-2xx") ? value(wrkOutput, "Non-2xx or 3xx responses:") : "0";
    }

    /** top-songs under 16 concurrent clients: wrk when installed (Debian's package), else the Java client. */
    private static String loadTest(String url) throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            // The warm-up's first requests meet an empty cache (and, after a big run, the post-run
            // checkpoint), so its failed answers are reported too.
            String warmUp = runJava(List.of("wrk", "-t2", "-c16", "-d5s", url));
            String out = runJava(List.of("wrk", "-t2", "-c16", "-d10s", "--latency", url));
            // A second window once the JIT has compiled the serving path, which the first traffic
            // after a start only sets off (the first window got a third to a half of the throughput here).
            String steady = runJava(List.of("wrk", "-t2", "-c16", "-d10s", "--latency", url));
            return String.format("load tool=wrk url=%s clients=16 throughput_rps=%s p50=%s p99=%s errors=%s "
                    + "warm_up_errors=%s steady_rps=%s steady_p50=%s steady_p99=%s steady_errors=%s%n", url,
                    value(out, "Requests/sec:"), value(out, "50%"), value(out, "99%"), non2xx(out), non2xx(warmUp),
                    value(steady, "Requests/sec:"), value(steady, "50%"), value(steady, "99%"), non2xx(steady));
        }
        return runJava(List.of("java", "bench/LoadClient.java", url, "16", "10"));
    }

    private static String value(String output, String label) {
        for (String line : output.split("\n")) {
            String t = line.strip();
            if (t.startsWith(label)) {
                return t.substring(label.length()).strip().split("\\s+")[0];
            }
        }
        return "?";
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

    private static JsonNode runJob(String base, String path) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
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

    /** Resident set size now (VmRSS) of a process, in kB. */
    private static long currentRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Peak resident set size (VmHWM) of a process, in kB. */
    private static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String runJava(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
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
