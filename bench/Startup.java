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
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up to readiness of the packaged service on the embedded default (production profile): starts
 * the jar as the README does, polls /q/health/ready, and prints the milliseconds from the process's
 * start to the first 200, with what Quarkus reports as its own start. The first start creates the
 * warehouse file; the later ones open it, as a restarted service does. Run through bench/startup.sh.
 *
 *   java bench/Startup.java STARTS WORK_DIR [JVM options...]
 */
public class Startup {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    public static void main(String[] args) throws Exception {
        int starts = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        List<String> jvmOptions = List.of(args).subList(2, args.length);
        deleteTree(work);
        Files.createDirectories(work);
        int port = 19080 + (int) (ProcessHandle.current().pid() % 1000);
        List<Long> ready = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dsparkify.data-dir=" + work, "-Dsparkify.api.token=bench-token",
                    "-jar", "target/quarkus-app/quarkus-run.jar"));
            long start = System.nanoTime();
            Process service = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> quarkusStarted(service));
            long ms = awaitReady(service, port, start);
            ready.add(ms);
            service.destroy();
            service.waitFor();
            System.out.printf("start %d: ready_ms=%d quarkus_started_s=%s%n", i, ms, started.getNow("?"));
        }
        List<Long> later = ready.subList(1, ready.size()).stream().sorted().toList();
        if (!later.isEmpty()) {
            System.out.printf("summary: first_ms=%d later_median_ms=%d later_min_ms=%d later_max_ms=%d (%d later starts)%n",
                    ready.get(0), later.get(later.size() / 2), later.get(0), later.get(later.size() - 1), later.size());
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

    /** Quarkus's own "started in X s", read from the log while the service runs. */
    private static String quarkusStarted(Process service) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(),
                StandardCharsets.UTF_8))) {
            String found = "?";
            for (String line; (line = out.readLine()) != null;) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    found = m.group(1);
                }
            }
            return found;
        } catch (IOException e) {
            return "?";
        }
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
