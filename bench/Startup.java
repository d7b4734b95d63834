import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up to readiness of the packaged service on the embedded default (production profile): starts
 * the jar as the README does (its JVM options, sources on local files set through the environment),
 * polls /q/health/ready, and prints the milliseconds from the process's start to the first 200, the CPU
 * time it had used by then (in all, on the main thread, in the JIT compilers), and what Quarkus reports as
 * its own start. The first start creates the
 * warehouse and job history files; the later ones open them, as a restarted service does. Run through
 * bench/startup.sh.
 *
 *   java bench/Startup.java STARTS WORK_DIR SAMPLE_DIR [[--app=DIR] extra JVM options...] [--vs [--app=DIR] ...]
 */
public class Startup {

    /** README's java -jar line and both images (ShippedJvmSettingsTest keeps them in step). */
    static final List<String> SHIPPED_JVM_OPTIONS = List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-XX:CompileThresholdScaling=4");

    /** The class-data archive the package step writes beside quarkus-run.jar (README's start names it). */
    static final String ARCHIVE = "app-cds.jsa";

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    public static void main(String[] args) throws Exception {
        int starts = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        Path sample = Path.of(args[2]).toAbsolutePath();
        // Extra options make a variant to compare with, no longer the service as shipped; "--vs" separates two
        // variants, started alternately (A, B, A, B...) so that the machine's drift falls on both alike.
        List<List<String>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        for (String a : List.of(args).subList(3, args.length)) {
            if (a.equals("--vs")) {
                variants.add(new ArrayList<>());
            } else {
                variants.get(variants.size() - 1).add(a);
            }
        }
        deleteTree(work);
        int port = 19080 + (int) (ProcessHandle.current().pid() % 1000);
        List<Run> runs = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            runs.add(new Run(variants.size() == 1 ? "" : (char) ('A' + v) + " ", variants.get(v),
                    variants.size() == 1 ? work : work.resolve(String.valueOf((char) ('a' + v)))));
            Files.createDirectories(runs.get(v).work);
            runs.get(v).trainArchive();
        }
        for (int i = 1; i <= starts; i++) {
            for (Run run : runs) {
                run.start(i, port, sample);
            }
        }
        for (Run run : runs) {
            run.summary();
        }
    }

    /** One variant: its JVM options ("--app=DIR" picks another packaged service than target/quarkus-app). */
    static final class Run {
        final String label;
        final List<String> extraJvmOptions = new ArrayList<>();
        final Path work;
        String app = "target/quarkus-app";
        String archive;
        final List<Long> ready = new ArrayList<>();
        final List<Long> cpu = new ArrayList<>();
        final List<Long> mainCpu = new ArrayList<>();
        final List<Long> compilerCpu = new ArrayList<>();

        Run(String label, List<String> options, Path work) {
            this.label = label;
            this.work = work;
            for (String o : options) {
                if (o.startsWith("--app=")) {
                    app = o.substring("--app=".length());
                } else {
                    extraJvmOptions.add(o);
                }
            }
        }

        /**
         * A build whose package step wrote a class-data archive (README's start uses it) gets one written
         * again for the path the benchmark starts it from, as the package step does for target/quarkus-app:
         * an archive serves only the jar path it was written for.
         */
        void trainArchive() throws Exception {
            Path file = Path.of(app, ARCHIVE);
            if (!Files.exists(file)) {
                return;
            }
            Files.delete(file);
            List<String> command = new ArrayList<>(List.of("java", "-XX:ArchiveClassesAtExit=" + file));
            command.addAll(SHIPPED_JVM_OPTIONS);
            command.addAll(List.of("-Dsparkify.exit-when-ready=true", "-Dsparkify.warehouse.engine=duckdb",
                    "-Dsparkify.data-dir=" + work.resolve("app-cds-training"), "-Dsparkify.api.token=app-cds-training",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-jar", app + "/quarkus-run.jar"));
            Process training = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("app-cds-training.log").toFile()).start();
            if (!training.waitFor(180, TimeUnit.SECONDS)) {
                training.destroyForcibly();
            }
            archive = Files.exists(file) ? file.toString() : null;
            System.out.println(label + "class-data archive: " + (archive != null ? archive : "none, training failed"));
        }

        void start(int i, int port, Path sample) throws Exception {
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(SHIPPED_JVM_OPTIONS);
            if (archive != null) {
                command.add("-XX:SharedArchiveFile=" + archive);
            }
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-jar", app + "/quarkus-run.jar"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // The production profile's sources are the public bucket; the README's offline start sets local
            // ones, as here (nothing reads them before a run).
            Map<String, String> env = builder.environment();
            // BENCH_FRESH_DATA=true: every start on an empty data directory (a first start), not only the first.
            Path data = Boolean.parseBoolean(System.getenv("BENCH_FRESH_DATA")) ? work.resolve("start-" + i) : work;
            env.put("SPARKIFY_DATA_DIR", data.toString());
            env.put("SPARKIFY_SOURCE_SONG_DATA", sample.resolve("song_data").toString());
            env.put("SPARKIFY_SOURCE_LOG_DATA", sample.resolve("log_data").toString());
            env.put("SPARKIFY_SOURCE_LOG_JSONPATHS", sample.resolve("log_json_path.json").toString());
            env.put("SPARKIFY_API_TOKEN", "bench-token");
            if (i == 1) {
                System.out.println(label + "command: " + String.join(" ", command));
            }
            long start = System.nanoTime();
            Process service = builder.start();
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> quarkusStarted(service));
            long ms = awaitReady(service, port, start);
            long cpuMs = cpuMs(service.pid());
            Map<String, Long> threads = threadCpuMs(service.pid());
            long main = threads.getOrDefault("java", 0L);
            long compilers = threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToLong(Map.Entry::getValue).sum();
            ready.add(ms);
            cpu.add(cpuMs);
            mainCpu.add(main);
            compilerCpu.add(compilers);
            service.destroy();
            service.waitFor();
            System.out.printf("%sstart %d: ready_ms=%d cpu_ms_at_ready=%d main_thread_cpu_ms=%d compiler_cpu_ms=%d "
                    + "quarkus_started_s=%s%n", label, i, ms, cpuMs, main, compilers, started.get(10, TimeUnit.SECONDS));
        }

        void summary() {
            if (ready.size() < 2) {
                return;
            }
            List<Long> later = sortedLater(ready);
            System.out.printf("%ssummary: first_ms=%d later_median_ms=%d later_min_ms=%d later_max_ms=%d "
                    + "later_cpu_median_ms=%d later_main_thread_cpu_median_ms=%d later_compiler_cpu_median_ms=%d "
                    + "(%d later starts%s)%n", label, ready.get(0), median(later), later.get(0),
                    later.get(later.size() - 1), median(sortedLater(cpu)), median(sortedLater(mainCpu)),
                    median(sortedLater(compilerCpu)), later.size(),
                    Boolean.parseBoolean(System.getenv("BENCH_FRESH_DATA")) ? ", each on an empty data directory" : "");
        }

        private static List<Long> sortedLater(List<Long> all) {
            return all.subList(1, all.size()).stream().sorted().toList();
        }

        private static long median(List<Long> sorted) {
            return sorted.get(sorted.size() / 2);
        }
    }

    private static long awaitReady(Process service, int port, long start) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (service.isAlive()) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the service exited with " + service.exitValue() + " before it was ready");
    }

    /**
     * CPU time the process has used (user + system, from /proc), which a shared machine disturbs less
     * than the wall clock: on an idle machine, readiness cannot come sooner than this over the cores.
     */
    private static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    /**
     * CPU time (user + system) of each thread, by thread name, summed over threads of the same name. The
     * launcher names the main thread "java" (with its own, idle, primordial thread).
     */
    private static Map<String, Long> threadCpuMs(long pid) throws IOException {
        Map<String, Long> byName = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / 100;
                byName.merge(name, ms, Long::sum);
            }
        }
        return byName;
    }

    /** Quarkus's own "started in X s", read from the log while the service runs. */
    private static String quarkusStarted(Process service) {
        String found = "?";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    found = m.group(1);
                }
            }
        } catch (IOException e) {
            // the stream closes with the process; what was read stands
        }
        return found;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
