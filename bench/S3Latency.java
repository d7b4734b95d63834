import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The latency scale: an in-memory S3 endpoint (ListObjectsV2 and GetObject, path-style) that answers
 * every request LATENCY_MS late, serving a data folder; the packaged service stages it from there and
 * from the folder itself, one after the other in one invocation. Run through bench/s3-latency.sh.
 *
 *   java -Dsun.net.httpserver.nodelay=true -cp target/quarkus-app/quarkus-run.jar bench/S3Latency.java \
 *        DATA_DIR WORK_DIR [capacity|service|serve]
 *
 * {@code compaction} (classpath also {@code target/classes}) runs the Redshift engine's compaction in this
 * JVM: song_data/ and log_data/ read from the endpoint with the service's read-ahead, written as gzip parts
 * (PutObject, also answered LATENCY_MS late) under staging/, then deleted; no cluster is involved.
 *
 * The answer is delayed on a timer rather than by a sleeping thread, so the requests in flight are not
 * bounded by the server's threads. The endpoint counts the requests in flight (peak, and the time-weighted
 * mean while any is). Before the timed services start, a throw-away one stages from the endpoint (WARM_RUNS)
 * so that the endpoint's own JIT is not paid inside a timed run (WARM_ENDPOINT=off: the older method).
 */
public class S3Latency {

    static final String BUCKET = "bench";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String TOKEN = "bench-token";

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        String mode = args.length > 2 ? args[2] : "service";
        int latency = Integer.parseInt(System.getenv().getOrDefault("LATENCY_MS", "30"));
        if (!"true".equals(System.getProperty("sun.net.httpserver.nodelay"))) {
            throw new IllegalStateException("run with -Dsun.net.httpserver.nodelay=true");
        }
        Files.createDirectories(work);
        Endpoint endpoint = Endpoint.start(data, latency);
        System.out.printf("endpoint objects=%d bytes=%d latency_ms=%d url=%s%n", endpoint.objects.size(),
                endpoint.bytes, latency, endpoint.url());
        try {
            switch (mode) {
                case "capacity" -> capacity(endpoint);
                case "serve" -> {
                    System.out.println("serving; stop with Ctrl-C");
                    Thread.sleep(Long.MAX_VALUE);
                }
                case "compaction" -> compaction(endpoint);
                default -> service(endpoint, data, work);
            }
        } finally {
            endpoint.stop();
        }
    }

    /** The endpoint's own capacity: GETs/s of small objects at several concurrencies, and a full listing. */
    static void capacity(Endpoint endpoint) throws Exception {
        List<String> keys = new ArrayList<>(endpoint.objects.keySet());
        for (int concurrency : new int[] {8, 64, 128, 256, 512}) {
            int requests = Math.min(keys.size(), Math.max(2000, concurrency * 20));
            endpoint.resetStats();
            long start = System.nanoTime();
            Semaphore permits = new Semaphore(concurrency);
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                permits.acquire();
                String key = keys.get(i % keys.size());
                all.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(endpoint.url() + "/" + BUCKET + "/" + key))
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                            permits.release();
                            if (e != null || r.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                        }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("capacity concurrency=%d gets=%d failed=%d gets_per_s=%.0f ideal_per_s=%.0f "
                    + "peak_in_flight=%d%n", concurrency, requests, failed.get(), requests / seconds,
                    endpoint.latencyMs == 0 ? Double.NaN : concurrency * 1000.0 / endpoint.latencyMs,
                    endpoint.peakInFlight.get());
        }
        long start = System.nanoTime();
        int listed = 0;
        String token = null;
        int pages = 0;
        do {
            String url = endpoint.url() + "/" + BUCKET + "?list-type=2&prefix=song_data/"
                    + (token == null ? "" : "&continuation-token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            listed += count(body, "<Key>");
            pages++;
            int t = body.indexOf("<NextContinuationToken>");
            token = t < 0 ? null : body.substring(t + 23, body.indexOf("</NextContinuationToken>"));
        } while (token != null);
        System.out.printf("capacity listing keys=%d pages=%d sequential_ms=%d%n", listed, pages,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Stages the data from the endpoint, then from the folder, in one service process each. */
    static void service(Endpoint endpoint, Path data, Path work) throws Exception {
        String concurrency = System.getenv().getOrDefault("MAX_CONCURRENCY", "");
        long objects = endpoint.objects.size();
        List<String> s3 = new ArrayList<>(List.of(
                "-Dsparkify.source.song-data=s3://" + BUCKET + "/song_data/",
                "-Dsparkify.source.log-data=s3://" + BUCKET + "/log_data/",
                "-Dsparkify.source.log-jsonpaths=s3://" + BUCKET + "/log_json_path.json",
                "-Dsparkify.source.s3.endpoint-override=" + endpoint.url(),
                "-Dsparkify.source.s3.path-style=true",
                "-Dsparkify.source.s3.anonymous=true"));
        if (!concurrency.isBlank()) {
            s3.add("-Dsparkify.source.s3.max-concurrency=" + concurrency);
        }
        // BENCH_VARIANTS="name|app dir|java options;..." first stages from the endpoint with each variant (a copy of
        // target/quarkus-app and/or JVM options), in one invocation, so they compare at the same load.
        // A variant named local-* stages from the folder instead.
        List<String> folder = List.of(
                "-Dsparkify.source.song-data=" + data.resolve("song_data"),
                "-Dsparkify.source.log-data=" + data.resolve("log_data"),
                "-Dsparkify.source.log-jsonpaths=" + data.resolve("log_json_path.json"),
                "-Dsparkify.source.allowed-local-roots=" + data);
        // The endpoint runs in this JVM, on the cores the service uses: cold, its own JIT would be paid inside the
        // service's first run, a cost real S3 never puts on the service's machine. So a throw-away service process
        // first stages once from it (the same requests a run makes), and every timed process starts against a warm
        // endpoint. WARM_ENDPOINT=off skips it (the method before session 11).
        if (!"off".equals(System.getenv("WARM_ENDPOINT"))) {
            long cpu = cpuMs(ProcessHandle.current().pid());
            long start = System.nanoTime();
            Result warm = runService(work.resolve("warm-up"), s3, endpoint, "", "",
                    Integer.parseInt(System.getenv().getOrDefault("WARM_RUNS", "3")), "warm-up");
            System.out.printf("warm-up staging_ms=%d wall_ms=%d bench_jvm_cpu_ms=%d%n", warm.stagingMs,
                    (System.nanoTime() - start) / 1_000_000, cpuMs(ProcessHandle.current().pid()) - cpu);
        } else {
            System.out.println("warm-up off: the endpoint is cold during the first run");
        }
        String variants = System.getenv().getOrDefault("BENCH_VARIANTS", "");
        for (String variant : variants.split(";")) {
            if (variant.isBlank()) {
                continue;
            }
            String[] v = variant.split("\\|", -1);
            System.out.println("variant " + v[0]);
            boolean local = v[0].startsWith("local-");
            Result r = runService(work.resolve("v-" + v[0]), local ? folder : s3, local ? null : endpoint,
                    v.length > 1 ? v[1] : "", v.length > 2 ? v[2] : "",
                    Integer.parseInt(System.getenv().getOrDefault("RUNS", "2")), v[0]);
            System.out.printf("variant %s staging_ms=%d mean_in_flight=%.0f rss_peak_mb=%d%n", v[0], r.stagingMs,
                    r.meanInFlight, r.rssPeakMb);
        }
        if ("variants".equals(System.getenv("ONLY"))) {
            return;
        }
        Result remote = runService(work.resolve("s3"), s3, endpoint);
        Result local = runService(work.resolve("local"), folder, null);
        int maxConcurrency = remote.maxConcurrency;
        double floor = objects * endpoint.latencyMs / (double) maxConcurrency;
        System.out.printf("summary objects=%d latency_ms=%d max_concurrency=%d floor_ms=%.0f s3_staging_ms=%d "
                + "local_staging_ms=%d ratio_to_floor=%.2f goal_ms=%.0f met=%s s3_objects_per_s=%.0f "
                + "s3_peak_in_flight=%d s3_mean_in_flight=%.0f s3_rss_peak_mb=%d local_rss_peak_mb=%d%n",
                objects, endpoint.latencyMs, maxConcurrency, floor, remote.stagingMs, local.stagingMs,
                remote.stagingMs / floor, 1.5 * floor + local.stagingMs,
                remote.stagingMs <= 1.5 * floor + local.stagingMs && remote.rssPeakMb < 600,
                objects * 1000.0 / remote.stagingMs, remote.peakInFlight, remote.meanInFlight, remote.rssPeakMb,
                local.rssPeakMb);
    }

    record Result(long stagingMs, long rssPeakMb, long peakInFlight, double meanInFlight, int maxConcurrency) {
    }

    static Result runService(Path work, List<String> sources, Endpoint endpoint) throws Exception {
        return runService(work, sources, endpoint, "", "");
    }

    static Result runService(Path work, List<String> sources, Endpoint endpoint, String app, String options)
            throws Exception {
        return runService(work, sources, endpoint, app, options,
                Integer.parseInt(System.getenv().getOrDefault("RUNS", "2")), endpoint == null ? "local" : "s3");
    }

    static Result runService(Path work, List<String> sources, Endpoint endpoint, String app, String options, int runs,
            String label) throws Exception {
        int port = 19080 + (int) (ProcessHandle.current().pid() % 1000) + (endpoint == null ? 1 : 0);
        String base = "http://127.0.0.1:" + port;
        deleteTree(work);
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + System.getenv().getOrDefault("HEAP", "256m"),
                "-Xms32m", "-XX:+UseSerialGC", "-XX:CompileThresholdScaling=4"));
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dsparkify.data-dir=" + work.resolve("svc"), "-Dsparkify.sample.generate-on-start=false",
                "-Dsparkify.api.token=" + TOKEN));
        command.addAll(sources);
        command.addAll(List.of("-jar", (app.isBlank() ? "target/quarkus-app" : app) + "/quarkus-run.jar"));
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile()).start();
        rssPid = service.pid();
        try {
            waitReady(base);
            runJob(base, "/schema/reset", null);
            // The first run also pays for the JIT compiling the SDK's request path; later runs in the same
            // process show the figure of a service that has run before. The last run is the result.
            Result result = null;
            // RUN_PAUSE_MS: a pause before each later run, so the previous run's upkeep (the service checkpoints
            // after every job) is over before the next one starts; 0, back to back, is the default.
            long pause = Long.parseLong(System.getenv().getOrDefault("RUN_PAUSE_MS", "0"));
            for (int run = 1; run <= runs; run++) {
                if (run > 1 && pause > 0) {
                    Thread.sleep(pause);
                }
                result = oneRun(base, work, endpoint, service, run, label);
            }
            return result;
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    static Result oneRun(String base, Path work, Endpoint endpoint, Process service, int run, String label)
            throws Exception {
        if (endpoint != null) {
            endpoint.resetStats();
        }
        List<String> samples = new ArrayList<>();
        long serviceCpuBefore = cpuMs(service.pid());
        long endpointCpuBefore = cpuMs(ProcessHandle.current().pid());
        Map<String, Long> threadsBefore = threadCpuMs(service.pid());
        Map<String, Long> benchThreadsBefore = threadCpuMs(ProcessHandle.current().pid());
        JsonNode etl = runJob(base, "/etl/runs", samples);
        String benchThreadsCpu = threadCpuDelta(benchThreadsBefore, threadCpuMs(ProcessHandle.current().pid()));
        long serviceCpu = cpuMs(service.pid()) - serviceCpuBefore;
        long endpointCpu = cpuMs(ProcessHandle.current().pid()) - endpointCpuBefore;
        String threadsCpu = threadCpuDelta(threadsBefore, threadCpuMs(service.pid()));
        if (!"SUCCEEDED".equals(etl.path("status").asText())) {
            throw new IllegalStateException("ETL run did not succeed: " + etl);
        }
        Files.writeString(work.resolve("etl-" + run + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(etl));
        Files.write(work.resolve("progress-" + run + ".txt"), samples);
        Instant start = null;
        Instant end = null;
        for (JsonNode step : etl.path("steps")) {
            String name = step.path("name").asText();
            if (name.startsWith("stage_") || name.equals("list_sources")) {
                Instant s = Instant.parse(step.path("startedAt").asText());
                Instant f = Instant.parse(step.path("finishedAt").asText());
                start = start == null || s.isBefore(start) ? s : start;
                end = end == null || f.isAfter(end) ? f : end;
            }
        }
        long staging = Duration.between(start, end).toMillis();
        long rss = peakRss(service.pid()) / 1024;
        StringBuilder steps = new StringBuilder();
        for (JsonNode step : etl.path("steps")) {
            steps.append(' ').append(step.path("name").asText()).append('=').append(step.path("durationMs").asLong());
        }
        int maxConcurrency = Integer.parseInt(System.getenv().getOrDefault("MAX_CONCURRENCY", "128"));
        System.out.printf("%s run=" + run + " staging_ms=%d etl_ms=%d objects=%d rss_peak_mb=%d peak_in_flight=%d "
                + "mean_in_flight=%.0f requests=%d%s%n", label, staging,
                etl.path("durationMs").asLong(), etl.path("progress").path("objectsDone").asLong(), rss,
                endpoint == null ? 0 : endpoint.peakInFlight.get(), endpoint == null ? 0 : endpoint.meanInFlight(),
                endpoint == null ? 0 : endpoint.requests.get(), steps);
        // CPU of the whole ETL run (staging and the rest): the service's, and this JVM's (the endpoint's, S3 only).
        System.out.printf("%s run=%d cpu_ms service=%d bench_jvm=%d threads_cpu_ms%s%n", label, run, serviceCpu,
                endpointCpu, threadsCpu);
        System.out.printf("%s run=%d bench_jvm_threads_cpu_ms%s%n", label, run, benchThreadsCpu);
        return new Result(staging, rss, endpoint == null ? 0 : endpoint.peakInFlight.get(),
                endpoint == null ? 0 : endpoint.meanInFlight(), maxConcurrency);
    }

    /**
     * The Redshift engine's compaction of song_data/ and log_data/ from the endpoint into staging/, as a run
     * with a staging prefix does before COPY (SLICES parts, 4 by default: two ra3.large or dc2.large nodes),
     * RUNS times; the first run also pays for the JIT. Reports bytes in and out, parts, records and time.
     */
    static void compaction(Endpoint endpoint) throws Exception {
        int slices = Integer.parseInt(System.getenv().getOrDefault("SLICES", "4"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "2"));
        int maxConcurrency = Integer.parseInt(System.getenv().getOrDefault("MAX_CONCURRENCY", "128"));
        var settings = new com.sparkify.warehouse.source.S3Clients.Settings("us-east-1", endpoint.url(), true, true, 3,
                Duration.ofSeconds(60), maxConcurrency);
        try (var async = com.sparkify.warehouse.source.S3Clients.buildAsync(settings,
                com.sparkify.warehouse.source.S3Clients.AsyncHttp.CRT);
                var sync = com.sparkify.warehouse.source.S3Clients.build(settings)) {
            var sources = new com.sparkify.warehouse.source.SourceService(null);
            var area = new com.sparkify.warehouse.warehouse.redshift.StagingArea(sync,
                    new com.sparkify.warehouse.source.SourceLocation.S3(BUCKET, "staging/"));
            var compaction = new com.sparkify.warehouse.warehouse.redshift.Compaction(1_048_576,
                    com.sparkify.warehouse.warehouse.redshift.Compaction.MAX_PART_BYTES, 4_194_304,
                    (location, source, objects) -> sources.readAhead(location, source,
                            com.sparkify.warehouse.source.ObjectFeed.of(objects)));
            for (int run = 1; run <= runs; run++) {
                String runId = "bench-" + run;
                for (String folder : List.of("song_data/", "log_data/")) {
                    endpoint.resetStats();
                    var location = new com.sparkify.warehouse.source.SourceLocation.S3(BUCKET, folder);
                    var source = new com.sparkify.warehouse.source.S3ObjectSource(async, location, maxConcurrency);
                    long start = System.nanoTime();
                    var objects = source.list();
                    long listed = System.nanoTime();
                    long bytesIn = objects.stream().mapToLong(com.sparkify.warehouse.source.SourceObject::size).sum();
                    int parts = compaction.partCount(objects, slices);
                    long requestsBefore = endpoint.requests.get();
                    var compacted = compaction.compact(area, runId, folder.equals("song_data/") ? "staging_songs"
                            : "staging_events", location, source, objects, parts, e -> true);
                    long end = System.nanoTime();
                    System.out.printf("compaction run=%d folder=%s applies=%s objects=%d bytes_in=%d parts=%d bytes_out=%d "
                            + "records=%d bad=%d list_ms=%d compact_ms=%d total_ms=%d requests=%d peak_in_flight=%d "
                            + "mean_in_flight=%.0f floor_ms=%.0f%n", run, folder, compaction.applies(objects),
                            objects.size(), bytesIn, compacted.parts(), compacted.bytes(), compacted.records(),
                            compacted.badRecords(), (listed - start) / 1_000_000, (end - listed) / 1_000_000,
                            (end - start) / 1_000_000, endpoint.requests.get() - requestsBefore,
                            endpoint.peakInFlight.get(), endpoint.meanInFlight(),
                            objects.size() * endpoint.latencyMs / (double) maxConcurrency);
                }
                System.out.printf("compaction run=%d deleted=%d rss_peak_mb=%d%n", run, area.deleteRun(runId),
                        peakRss(ProcessHandle.current().pid()) / 1024);
            }
        }
    }

    /** The in-memory endpoint. */
    static final class Endpoint {
        /** Concurrent: compaction mode writes and deletes while the server's threads read. */
        final NavigableMap<String, byte[]> objects = new java.util.concurrent.ConcurrentSkipListMap<>();
        final int latencyMs;
        long bytes;
        HttpServer server;
        ScheduledExecutorService timer;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peakInFlight = new AtomicInteger();
        final AtomicLong requests = new AtomicLong();
        /** Sum of in-flight × nanoseconds, and the nanoseconds with any in flight, for the mean. */
        private long weighted;
        private long busy;
        private long lastChange = System.nanoTime();

        private Endpoint(int latencyMs) {
            this.latencyMs = latencyMs;
        }

        static Endpoint start(Path data, int latencyMs) throws IOException {
            Endpoint e = new Endpoint(latencyMs);
            try (var walk = Files.walk(data)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    byte[] content = Files.readAllBytes(p);
                    e.objects.put(data.relativize(p).toString().replace('\\', '/'), content);
                    e.bytes += content.length;
                }
            }
            e.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            // Named, so the CPU per thread tells the endpoint's threads from this JVM's compilers and client.
            e.server.setExecutor(Executors.newFixedThreadPool(2, r -> new Thread(r, "endpoint-handler")));
            e.timer = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "endpoint-answer");
                t.setDaemon(true);
                return t;
            });
            e.server.createContext("/", e::handle);
            e.server.start();
            return e;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
            timer.shutdownNow();
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }

        synchronized void resetStats() {
            peakInFlight.set(inFlight.get());
            requests.set(0);
            weighted = 0;
            busy = 0;
            lastChange = System.nanoTime();
        }

        synchronized double meanInFlight() {
            return busy == 0 ? 0 : weighted / (double) busy;
        }

        private synchronized void change(int delta) {
            long now = System.nanoTime();
            int current = inFlight.get();
            if (current > 0) {
                weighted += current * (now - lastChange);
                busy += now - lastChange;
            }
            lastChange = now;
            int next = inFlight.addAndGet(delta);
            peakInFlight.accumulateAndGet(next, Math::max);
        }

        private void handle(HttpExchange exchange) throws IOException {
            change(1);
            requests.incrementAndGet();
            byte[] body;
            int status = 200;
            String type = "application/xml";
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String rest = path.length() > 1 ? path.substring(1) : "";
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (!BUCKET.equals(bucket)) {
                status = 404;
                body = error("NoSuchBucket", bucket);
            } else if (key.isEmpty()) {
                body = list(query(exchange.getRequestURI().getRawQuery()));
            } else if ("PUT".equals(exchange.getRequestMethod())) {
                try (var in = exchange.getRequestBody()) {
                    objects.put(key, in.readAllBytes());
                }
                exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
                body = new byte[0];
            } else if ("DELETE".equals(exchange.getRequestMethod())) {
                objects.remove(key);
                status = 204;
                body = new byte[0];
            } else {
                body = objects.get(key);
                if (body == null) {
                    status = 404;
                    body = error("NoSuchKey", key);
                } else {
                    type = "application/octet-stream";
                    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(key.hashCode()) + "\"");
                    exchange.getResponseHeaders().add("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT");
                }
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("x-amz-request-id", "bench");
            int code = status;
            byte[] answer = body;
            Runnable respond = () -> {
                try (OutputStream out = exchange.getResponseBody()) {
                    if ("HEAD".equals(exchange.getRequestMethod())) {
                        exchange.sendResponseHeaders(code, -1);
                    } else {
                        exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
                        out.write(answer);
                    }
                } catch (IOException e) {
                    // the client went away
                } finally {
                    change(-1);
                }
            };
            if (latencyMs == 0) {
                respond.run();
            } else {
                timer.schedule(respond, latencyMs, TimeUnit.MILLISECONDS);
            }
        }

        private byte[] list(Map<String, String> q) {
            String prefix = q.getOrDefault("prefix", "");
            String delimiter = q.get("delimiter");
            int max = Integer.parseInt(q.getOrDefault("max-keys", "1000"));
            String after = q.containsKey("continuation-token") ? q.get("continuation-token") : q.get("start-after");
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET
                    + "</Name><Prefix>" + escape(prefix) + "</Prefix><MaxKeys>" + max + "</MaxKeys>");
            if (delimiter != null) {
                xml.append("<Delimiter>").append(escape(delimiter)).append("</Delimiter>");
            }
            if (q.containsKey("encoding-type")) {
                xml.append("<EncodingType>").append(q.get("encoding-type")).append("</EncodingType>");
            }
            StringBuilder entries = new StringBuilder();
            int count = 0;
            String last = null;
            String lastPrefix = null;
            boolean truncated = false;
            NavigableMap<String, byte[]> range = after == null ? objects.tailMap(prefix, true)
                    : objects.tailMap(after, false);
            for (Map.Entry<String, byte[]> entry : range.entrySet()) {
                String k = entry.getKey();
                if (!k.startsWith(prefix)) {
                    break;
                }
                if (delimiter != null) {
                    int d = k.indexOf(delimiter, prefix.length());
                    if (d >= 0) {
                        String common = k.substring(0, d + delimiter.length());
                        if (common.equals(lastPrefix)) {
                            last = k;
                            continue;
                        }
                        if (count == max) {
                            truncated = true;
                            break;
                        }
                        entries.append("<CommonPrefixes><Prefix>").append(escape(common)).append("</Prefix></CommonPrefixes>");
                        lastPrefix = common;
                        last = k;
                        count++;
                        continue;
                    }
                }
                if (count == max) {
                    truncated = true;
                    break;
                }
                entries.append("<Contents><Key>").append(escape(k)).append("</Key><LastModified>2026-01-01T00:00:00.000Z"
                        + "</LastModified><ETag>&quot;0&quot;</ETag><Size>").append(entry.getValue().length)
                        .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
                last = k;
                count++;
            }
            xml.append("<KeyCount>").append(count).append("</KeyCount><IsTruncated>").append(truncated)
                    .append("</IsTruncated>");
            if (truncated) {
                // The token is the last key covered (a common prefix covers all its keys).
                String token = lastPrefix != null && last != null && last.startsWith(lastPrefix)
                        ? objects.subMap(lastPrefix, true, lastPrefix + Character.MAX_VALUE, true).lastKey() : last;
                xml.append("<NextContinuationToken>").append(escape(token)).append("</NextContinuationToken>");
            }
            xml.append(entries).append("</ListBucketResult>");
            return xml.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] error(String code, String what) {
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                    + escape(what) + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> q = new HashMap<>();
            if (raw == null) {
                return q;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return q;
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    static void waitReady(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    /** Runs a job; with {@code samples}, records its progress every poll (percent and ETA with the counts). */
    static JsonNode runJob(String base, String path, List<String> samples) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + started.statusCode() + ": " + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        long start = System.nanoTime();
        while (true) {
            JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(location))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = job.path("status").asText();
            if (samples != null) {
                long rss = rssPid > 0 ? currentRss(rssPid) / 1024 : -1;
                samples.add((System.nanoTime() - start) / 1_000_000 + "ms rss_mb=" + rss + " step="
                        + lastStep(job) + " " + job.path("progress"));
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(250);
        }
    }

    /** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
    static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** CPU time so far of each live thread, in ms, by "name/tid"; threads that ended are missing. */
    static Map<String, Long> threadCpuMs(long pid) throws IOException {
        Map<String, Long> cpu = new HashMap<>();
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
    static String threadCpuDelta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> groups = new TreeMap<>();
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

    /** The service whose resident memory the progress samples record. */
    static volatile long rssPid;

    static long currentRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // ended
        }
        return -1;
    }

    private static String lastStep(JsonNode job) {
        String last = "-";
        for (JsonNode step : job.path("steps")) {
            last = step.path("name").asText();
        }
        return last;
    }

    static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static void deleteTree(Path root) throws IOException {
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
