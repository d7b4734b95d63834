import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.sparkify.warehouse.source.S3Clients;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * GETs every object under a prefix of a running endpoint (bench/S3Latency.java in serve mode) through one
 * of the SDK's clients, the way the service builds them (S3Clients), and reports objects/s and the CPU
 * each object cost this process. One client per JVM, so neither warms the other's code.
 *
 *   java -cp "target/classes:$(cat cp.txt)" bench/S3ClientBench.java URL PREFIX apache|netty|crt CONCURRENCY
 *
 * {@code ... crt CONCURRENCY rounds N callback|thread}: N rounds, each listing the prefix and GETting every
 * object with CONCURRENCY in flight through the asynchronous CRT client, with the CPU of each round (the
 * process's, the CRT event loops', the JIT compilers'), so the JIT's progress over a service's later runs
 * shows. {@code callback} starts the next GET in the answer's callback, on the event loop (the service
 * before session 12); {@code thread} starts every GET from one thread of its own (S3ReadAhead since then).
 */
public class S3ClientBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        String client = args[2];
        int concurrency = Integer.parseInt(args[3]);
        S3Clients.Settings settings = new S3Clients.Settings("us-west-2", url, true, true, 4, Duration.ofSeconds(60),
                concurrency);
        if (args.length > 4 && args[4].equals("list")) {
            S3Clients.AsyncHttp http = client.equals("crt") ? S3Clients.AsyncHttp.CRT : S3Clients.AsyncHttp.NETTY;
            try (S3AsyncClient async = S3Clients.buildAsync(settings, http)) {
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                for (int i = 0; i < 3; i++) {
                    long cpu = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    int n = new com.sparkify.warehouse.source.S3ObjectSource(async,
                            new com.sparkify.warehouse.source.SourceLocation.S3("bench", prefix), concurrency).list().size();
                    System.out.printf("list client=%s concurrency=%d objects=%d ms=%d cpu_ms=%d%n", client, concurrency,
                            n, (System.nanoTime() - start) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
                }
            }
            System.exit(0);
        }
        if (args.length > 5 && args[4].equals("rounds")) {
            rounds(settings, prefix, concurrency, Integer.parseInt(args[5]), args.length > 6 && args[6].equals("thread"));
            System.exit(0);
        }
        List<String> keys = new ArrayList<>();
        try (S3Client sync = S3Clients.build(settings)) {
            for (S3Object o : sync.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket("bench").prefix(prefix)
                    .build()).contents()) {
                keys.add(o.key());
            }
        }
        if (client.equals("apache")) {
            try (S3Client sync = S3Clients.build(settings)) {
                run(client, concurrency, keys.subList(0, Math.min(1000, keys.size())), k -> getSync(sync, k, concurrency));
                run(client, concurrency, keys, k -> getSync(sync, k, concurrency));
            }
        } else {
            S3Clients.AsyncHttp http = client.equals("crt") ? S3Clients.AsyncHttp.CRT : S3Clients.AsyncHttp.NETTY;
            try (S3AsyncClient async = S3Clients.buildAsync(settings, http)) {
                run(client, concurrency, keys.subList(0, Math.min(1000, keys.size())), k -> getAsync(async, k, concurrency));
                run(client, concurrency, keys, k -> getAsync(async, k, concurrency));
            }
        }
        System.exit(0);
    }

    interface Getter {
        long get(List<String> keys) throws Exception;
    }

    static void run(String client, int concurrency, List<String> keys, Getter getter) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        long bytes = getter.get(keys);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuUs = (os.getProcessCpuTime() - cpu) / 1000;
        System.out.printf("client=%s concurrency=%d objects=%d bytes=%d seconds=%.2f objects_per_s=%.0f "
                + "cpu_us_per_object=%d%n", client, concurrency, keys.size(), bytes, seconds, keys.size() / seconds,
                cpuUs / keys.size());
    }

    static long getSync(S3Client s3, List<String> keys, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                long bytes = 0;
                int i;
                while ((i = next.getAndIncrement()) < keys.size()) {
                    bytes += s3.getObject(GetObjectRequest.builder().bucket("bench").key(keys.get(i)).build(),
                            ResponseTransformer.toBytes()).asByteArrayUnsafe().length;
                }
                return bytes;
            }, pool));
        }
        long total = 0;
        for (CompletableFuture<Long> f : all) {
            total += f.join();
        }
        pool.shutdown();
        return total;
    }

    static long getAsync(S3AsyncClient s3, List<String> keys, int concurrency) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<Integer>> all = new ArrayList<>(keys.size());
        for (String key : keys) {
            permits.acquire();
            all.add(s3.getObject(GetObjectRequest.builder().bucket("bench").key(key).build(),
                    AsyncResponseTransformer.toBytes()).thenApply(ResponseBytes::asByteArrayUnsafe)
                    .thenApply(b -> b.length).whenComplete((b, e) -> permits.release()));
        }
        long total = 0;
        for (CompletableFuture<Integer> f : all) {
            total += f.join();
        }
        return total;
    }

    /** CPU time in ms of this process's threads whose name starts with {@code prefix} (/proc, Linux only). */
    static long threadsCpuMs(String prefix) throws Exception {
        long ticks = 0;
        try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (var task : tasks) {
                try {
                    if (java.nio.file.Files.readString(task.resolve("comm")).trim().startsWith(prefix)) {
                        String[] f = java.nio.file.Files.readString(task.resolve("stat")).replaceAll("^.*\\) ", "")
                                .split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException e) {
                    // the thread ended
                }
            }
        }
        return ticks * 10;
    }

    static void rounds(S3Clients.Settings settings, String prefix, int concurrency, int rounds, boolean thread)
            throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (S3AsyncClient async = S3Clients.buildAsync(settings, S3Clients.AsyncHttp.CRT)) {
            for (int round = 1; round <= rounds; round++) {
                long cpu = os.getProcessCpuTime();
                long loops = threadsCpuMs("AwsEventLoop");
                long compilers = threadsCpuMs("C1 Compiler") + threadsCpuMs("C2 Compiler");
                long start = System.nanoTime();
                var objects = new com.sparkify.warehouse.source.S3ObjectSource(async,
                        new com.sparkify.warehouse.source.SourceLocation.S3("bench", prefix), concurrency).list();
                long listed = System.nanoTime();
                java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(objects.size());
                AtomicInteger next = new AtomicInteger();
                Semaphore permits = new Semaphore(concurrency);
                Runnable[] getNext = new Runnable[1];
                getNext[0] = () -> {
                    int i = next.getAndIncrement();
                    if (i < objects.size()) {
                        get(async, objects.get(i).key()).whenComplete((b, e) -> {
                            done.countDown();
                            getNext[0].run();
                        });
                    }
                };
                if (thread) {
                    for (var object : objects) {
                        permits.acquire();
                        get(async, object.key()).whenComplete((b, e) -> {
                            done.countDown();
                            permits.release();
                        });
                    }
                } else {
                    for (int i = 0; i < concurrency; i++) {
                        getNext[0].run();
                    }
                }
                done.await();
                long cpuMs = (os.getProcessCpuTime() - cpu) / 1_000_000;
                System.out.printf("round=%d mode=%s objects=%d list_ms=%d get_ms=%d cpu_ms=%d event_loops_ms=%d "
                        + "compilers_ms=%d cpu_us_per_object=%d%n", round, thread ? "thread" : "callback",
                        objects.size(), (listed - start) / 1_000_000, (System.nanoTime() - listed) / 1_000_000, cpuMs,
                        threadsCpuMs("AwsEventLoop") - loops,
                        threadsCpuMs("C1 Compiler") + threadsCpuMs("C2 Compiler") - compilers,
                        cpuMs * 1000 / objects.size());
            }
        }
    }

    private static CompletableFuture<byte[]> get(S3AsyncClient s3, String key) {
        return s3.getObject(GetObjectRequest.builder().bucket("bench").key(key).build(),
                AsyncResponseTransformer.toBytes()).thenApply(ResponseBytes::asByteArrayUnsafe);
    }
}
