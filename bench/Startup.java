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
 * time it had used by then, and what Quarkus reports as its own start. The first start creates the
 * warehouse and job history files; the later ones open them, as a restarted service does. Run through
 * bench/startup.sh.
 *
 *   java bench/Startup.java STARTS WORK_DIR SAMPLE_DIR [extra JVM options...]
 */
public class Startup {

    /** README's java -jar line and both images (ShippedJvmSettingsTest keeps them in step). */
    static final List<String> SHIPPED_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    public static void main(String[] args) throws Exception {
        int starts = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        Path sample = Path.of(args[2]).toAbsolutePath();
        // Extra options make a variant to compare with, no longer the service as shipped.
        List<String> extraJvmOptions = List.of(args).subList(3, args.length);
        boolean appCds = extraJvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
        deleteTree(work);
        Files.createDirectories(work);
        int port = 19080 + (int) (ProcessHandle.current().pid() % 1000);
        List<Long> ready = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(SHIPPED_JVM_OPTIONS);
            command.addAll(extraJvmOptions);
            // An AppCDS archive serves only a JVM started as the one that wrote it: from the jar's directory.
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-jar", appCds ? "quarkus-run.jar" : "target/quarkus-app/quarkus-run.jar"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (appCds) {
                builder.directory(new java.io.File("target/quarkus-app"));
            }
            // The production profile's sources are the public bucket; the README's offline start sets local
            // ones, as here (nothing reads them before a run).
            Map<String, String> env = builder.environment();
            env.put("SPARKIFY_DATA_DIR", work.toString());
            env.put("SPARKIFY_SOURCE_SONG_DATA", sample.resolve("song_data").toString());
            env.put("SPARKIFY_SOURCE_LOG_DATA", sample.resolve("log_data").toString());
            env.put("SPARKIFY_SOURCE_LOG_JSONPATHS", sample.resolve("log_json_path.json").toString());
            env.put("SPARKIFY_API_TOKEN", "bench-token");
            if (i == 1) {
                System.out.println("command: " + String.join(" ", command));
            }
            long start = System.nanoTime();
            Process service = builder.start();
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> quarkusStarted(service));
            long ms = awaitReady(service, port, start);
            long cpuMs = cpuMs(service.pid());
            ready.add(ms);
            cpu.add(cpuMs);
            service.destroy();
            service.waitFor();
            System.out.printf("start %d: ready_ms=%d cpu_ms_at_ready=%d quarkus_started_s=%s%n", i, ms, cpuMs,
                    started.get(10, TimeUnit.SECONDS));
        }
        List<Long> later = ready.subList(1, ready.size()).stream().sorted().toList();
        List<Long> laterCpu = cpu.subList(1, cpu.size()).stream().sorted().toList();
        if (!later.isEmpty()) {
            System.out.printf("summary: first_ms=%d later_median_ms=%d later_min_ms=%d later_max_ms=%d "
                    + "later_cpu_median_ms=%d (%d later starts)%n", ready.get(0), later.get(later.size() / 2),
                    later.get(0), later.get(later.size() - 1), laterCpu.get(laterCpu.size() / 2), later.size());
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
