import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small closed-loop HTTP load client: C clients each send GET requests back to back for S seconds
 * (after a warm-up), then latency percentiles and throughput are printed.
 *
 *   java bench/LoadClient.java URL CLIENTS SECONDS
 */
public class LoadClient {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        run(http, request, clients, 2, null);
        List<long[]> perClient = new ArrayList<>();
        long[] errors = new long[1];
        long started = System.nanoTime();
        run(http, request, clients, seconds, perClient);
        double elapsed = (System.nanoTime() - started) / 1e9;
        int total = perClient.stream().mapToInt(a -> (int) a[0]).sum();
        long[] all = new long[total];
        int i = 0;
        for (long[] a : perClient) {
            for (int j = 1; j <= a[0]; j++) {
                all[i++] = a[j];
            }
            errors[0] += a[a.length - 1];
        }
        Arrays.sort(all);
        System.out.printf("load url=%s clients=%d requests=%d errors=%d throughput_rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                uri, clients, total, errors[0], total / elapsed, pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Each client records [count, latencies..., errors]; bounded to 2M samples per client. */
    private static void run(HttpClient http, HttpRequest request, int clients, int seconds, List<long[]> out)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] samples = new long[2_000_002];
                int n = 0;
                long errors = 0;
                while (System.nanoTime() < deadline && n < 2_000_000) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long t1 = System.nanoTime();
                    if (response.statusCode() != 200) {
                        errors++;
                    }
                    samples[++n] = t1 - t0;
                }
                samples[0] = n;
                samples[samples.length - 1] = errors;
                return samples;
            }));
        }
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            if (out != null) {
                out.add(r);
            }
        }
        pool.shutdown();
    }
}
