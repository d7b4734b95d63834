package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The S3 read-ahead over requests the test completes by hand, so what is in flight at each moment is
 * known exactly: the requests in flight never pass the limit, the bytes held never pass the budget,
 * every object reaches its loader unchanged, and a failed request fails its object's open with the SDK's
 * exception.
 */
class S3ReadAheadTest {

    /** Requests made, in order, each with the future the test completes. */
    private final Map<String, CompletableFuture<byte[]>> requests = new LinkedHashMap<>();
    private final List<String> streamed = new ArrayList<>();

    private final ObjectSource direct = new ObjectSource() {
        @Override
        public List<SourceObject> list() {
            return List.of();
        }

        @Override
        public InputStream open(SourceObject object) {
            streamed.add(object.key());
            return new ByteArrayInputStream(content(object).getBytes(StandardCharsets.UTF_8));
        }
    };

    private S3ReadAhead start(List<SourceObject> objects, int maxInFlight, long budget, long hold) {
        return new S3ReadAhead(direct, o -> {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            requests.put(o.key(), f);
            return f;
        }, objects, maxInFlight, budget, hold, Runnable::run);
    }

    private static List<SourceObject> objects(int count, int size) {
        return IntStream.range(0, count).mapToObj(i -> new SourceObject(String.format("k%03d", i), size)).toList();
    }

    private static String content(SourceObject object) {
        return "{\"key\":\"" + object.key() + "\"}";
    }

    private void answer(String key) {
        requests.get(key).complete(("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String read(S3ReadAhead ahead, int index) throws IOException {
        try (InputStream in = ahead.open(index)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private long inFlight() {
        return requests.values().stream().filter(f -> !f.isDone()).count();
    }

    @Test
    void shouldKeepAtMostTheLimitInFlightAndRequestMoreAsAnswersArrive() throws IOException {
        List<SourceObject> objects = objects(10, 100);
        try (S3ReadAhead ahead = start(objects, 3, 1_000_000, 1_000_000)) {
            assertThat(requests.keySet()).containsExactly("k000", "k001", "k002");

            answer("k001");
            // One answer frees one slot: the next object in list order is requested.
            assertThat(requests.keySet()).containsExactly("k000", "k001", "k002", "k003");
            assertThat(inFlight()).isEqualTo(3);

            // Each of three more answers starts one more request: k004, k005, k006.
            answer("k000");
            answer("k002");
            answer("k003");
            assertThat(requests).hasSize(7);
            assertThat(inFlight()).isEqualTo(3);
            assertThat(read(ahead, 0)).isEqualTo("{\"key\":\"k000\"}");
            assertThat(read(ahead, 3)).isEqualTo("{\"key\":\"k003\"}");
            assertThat(ahead.peakInFlight()).isEqualTo(3);
            assertThat(streamed).isEmpty();
        }
    }

    @Test
    void shouldHoldNoMoreThanTheBudgetUntilLoadersTakeObjects() throws IOException {
        // 250 bytes each, a 1,000-byte budget: four objects at most, answered or not, until one is opened.
        List<SourceObject> objects = objects(8, 250);
        try (S3ReadAhead ahead = start(objects, 100, 1_000, 1_000)) {
            assertThat(requests).hasSize(4);
            for (String key : List.copyOf(requests.keySet())) {
                answer(key);
            }
            assertThat(requests).hasSize(4);

            assertThat(read(ahead, 0)).isEqualTo("{\"key\":\"k000\"}");
            assertThat(requests.keySet()).containsExactly("k000", "k001", "k002", "k003", "k004");
            assertThat(read(ahead, 1)).isEqualTo("{\"key\":\"k001\"}");
            assertThat(requests).hasSize(6);
        }
    }

    @Test
    void shouldLetTheLoaderStreamObjectsTooBigToHoldOrNotRequestedYet() throws IOException {
        List<SourceObject> objects = List.of(new SourceObject("small-0", 10), new SourceObject("big", 5_000),
                new SourceObject("small-1", 10), new SourceObject("small-2", 10));
        try (S3ReadAhead ahead = start(objects, 1, 1_000_000, 1_000)) {
            assertThat(requests.keySet()).containsExactly("small-0");
            // The big object is skipped: the loader streams it, the read-ahead never requests it.
            assertThat(read(ahead, 1)).isEqualTo(content(objects.get(1)));
            // small-2 was not requested yet (one in flight): its loader reads it directly.
            assertThat(read(ahead, 3)).isEqualTo(content(objects.get(3)));
            assertThat(streamed).containsExactly("big", "small-2");

            answer("small-0");
            assertThat(requests.keySet()).containsExactly("small-0", "small-1");
            answer("small-1");
            assertThat(read(ahead, 0)).isEqualTo(content(objects.get(0)));
            assertThat(read(ahead, 2)).isEqualTo(content(objects.get(2)));
            assertThat(requests).hasSize(2);
            assertThatThrownBy(() -> ahead.open(2)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldFailTheOpenOfAFailedObjectWithTheSdksExceptionAndGoOn() throws IOException {
        List<SourceObject> objects = objects(3, 100);
        try (S3ReadAhead ahead = start(objects, 2, 1_000_000, 1_000_000)) {
            requests.get("k000").completeExceptionally(SdkClientException.create("Unable to execute HTTP request: reset"));
            assertThat(requests).hasSize(3);
            answer("k001");
            answer("k002");

            assertThatThrownBy(() -> ahead.open(0)).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("reset");
            assertThat(read(ahead, 1)).isEqualTo("{\"key\":\"k001\"}");
            assertThat(read(ahead, 2)).isEqualTo("{\"key\":\"k002\"}");
        }
    }

    @Test
    void shouldRequestObjectsAsTheListingFindsThemAndSkipThoseALoaderTookFirst() throws IOException {
        ObjectFeed feed = new ObjectFeed();
        try (S3ReadAhead ahead = new S3ReadAhead(direct, o -> {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            requests.put(o.key(), f);
            return f;
        }, feed, 2, 1_000_000, 1_000_000, Runnable::run)) {
            assertThat(requests).isEmpty();

            feed.add(objects(3, 100));
            // The first page: two requests in flight at most.
            assertThat(requests.keySet()).containsExactly("k000", "k001");
            // A loader reaches k002 before the read-ahead could request it: it streams it itself.
            assertThat(read(ahead, 2)).isEqualTo("{\"key\":\"k002\"}");

            feed.add(List.of(new SourceObject("k003", 100)));
            answer("k000");
            // The freed slot skips k002 (taken) and requests the second page's k003.
            assertThat(requests.keySet()).containsExactly("k000", "k001", "k003");
            feed.end();
            answer("k001");
            answer("k003");
            assertThat(read(ahead, 0)).isEqualTo("{\"key\":\"k000\"}");
            assertThat(read(ahead, 1)).isEqualTo("{\"key\":\"k001\"}");
            assertThat(read(ahead, 3)).isEqualTo("{\"key\":\"k003\"}");
            assertThat(streamed).containsExactly("k002");
            assertThat(requests).hasSize(3);
        }
    }

    @Test
    void shouldFailTheOpenOfAnObjectWhoseRequestThrowsInsteadOfReturningAFailure() throws IOException {
        List<SourceObject> objects = objects(3, 100);
        try (S3ReadAhead ahead = new S3ReadAhead(direct, o -> {
            if (o.key().equals("k000")) {
                throw SdkClientException.create("endpoint refused the request");
            }
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            requests.put(o.key(), f);
            return f;
        }, objects, 2, 1_000_000, 1_000_000, Runnable::run)) {
            // The thrown request counts as answered: its slot goes to k002.
            assertThat(requests.keySet()).containsExactly("k001", "k002");
            assertThatThrownBy(() -> ahead.open(0)).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("endpoint refused");
            answer("k001");
            assertThat(read(ahead, 1)).isEqualTo("{\"key\":\"k001\"}");
        }
    }

    @Test
    void shouldStartRequestsOnItsOwnThreadNotOnTheOneWhoseAnswerFreedTheSlot() throws IOException {
        Map<String, CompletableFuture<byte[]>> made = new ConcurrentHashMap<>();
        Map<String, String> threads = new ConcurrentHashMap<>();
        List<SourceObject> objects = objects(4, 100);
        try (S3ReadAhead ahead = new S3ReadAhead(direct, o -> {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            threads.put(o.key(), Thread.currentThread().getName());
            made.put(o.key(), f);
            return f;
        }, objects, 2, 1_000_000, 1_000_000, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> made.size() == 2);
            assertThat(made.keySet()).containsExactlyInAnyOrder("k000", "k001");

            // The answer is completed on this thread, as an HTTP client's event loop would: the next
            // request is still made on the read-ahead's thread.
            made.get("k000").complete("{\"key\":\"k000\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> made.size() == 3);
            assertThat(made).containsKey("k002");
            assertThat(read(ahead, 0)).isEqualTo("{\"key\":\"k000\"}");
            assertThat(threads.values()).containsOnly("sparkify-s3-requests");
        }
    }

    @Test
    void shouldStopRequestingOnceClosed() {
        List<SourceObject> objects = objects(5, 100);
        S3ReadAhead ahead = start(objects, 2, 1_000_000, 1_000_000);
        ahead.close();
        answer("k000");
        answer("k001");
        assertThat(requests.keySet()).containsExactly("k000", "k001");
    }
}
