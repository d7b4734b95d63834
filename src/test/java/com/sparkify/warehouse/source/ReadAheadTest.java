package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sparkify.warehouse.support.Waits;

/**
 * The loader's read-ahead over a fake source: each object reaches exactly one consumer, unchanged;
 * memory stays within the budget; failed or oversized read-aheads fall back to the consumer; and
 * {@code close()} stops the reader threads. Waits are generous and nothing asserts on speed.
 */
class ReadAheadTest {

    private static final String READER = "sparkify-read-ahead";
    private static final String CONSUMER = "consumer-";

    private final FakeSource source = new FakeSource();
    private ExecutorService consumers;

    @AfterEach
    void releaseEverything() {
        source.unblockAll();
        if (consumers != null) {
            consumers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} reader threads")
    @ValueSource(ints = {0, 1, 4})
    void shouldHandEveryObjectToExactlyOneConsumerUnchanged(int readers) throws Exception {
        Random random = new Random(readers);
        for (int i = 0; i < 200; i++) {
            // Sizes from empty to 8 KB around a 64 KB budget: the readers keep running into it.
            source.add(String.format("song_data/%03d.json", i), random.nextInt(8 * 1024 + 1), random);
        }
        List<SourceObject> objects = source.list();
        long budget = 64 * 1024;

        Map<Integer, byte[]> consumed;
        try (ReadAhead ahead = ReadAhead.start(source, objects, readers, budget)) {
            if (readers > 0) {
                // Let the readers get ahead first, so consumers do meet objects in memory.
                awaitTrue("read-ahead started", () -> source.readAheadOpens() > 0);
            }
            consumed = consume(ahead, objects, 4);
        }

        assertThat(consumed.keySet()).containsExactlyElementsOf(IntStream.range(0, objects.size()).boxed().toList());
        for (int i = 0; i < objects.size(); i++) {
            assertThat(consumed.get(i)).as(objects.get(i).key()).isEqualTo(source.bytes(objects.get(i)));
        }
        // Each object read from the source once: by a reader or by its consumer, never both.
        objects.forEach(o -> assertThat(source.opens(o)).as(o.key()).isEqualTo(1));
        if (readers == 0) {
            assertThat(source.readAheadOpens()).isZero();
        } else {
            assertThat(source.readAheadOpens()).isPositive();
        }
        assertThat(source.maxHeld()).isLessThanOrEqualTo(budget);
    }

    @Test
    void shouldNeverHoldMoreThanTheBudgetInMemory() throws Exception {
        // 10,000 bytes each (10 KB of budget, rounded up); a 50 KB budget holds exactly five of them.
        for (int i = 0; i < 40; i++) {
            source.add(String.format("log_data/%02d.json", i), 10_000, new Random(i));
        }
        List<SourceObject> objects = source.list();
        long budget = 50 * 1024;
        Set<Thread> before = readerThreads();

        try (ReadAhead ahead = ReadAhead.start(source, objects, 4, budget)) {
            Set<Thread> readers = readerThreads();
            readers.removeAll(before);
            awaitTrue("the budget filled", () -> source.held() >= 5 * 10_000);
            // Nobody consumes: once all four readers wait, none of them has read a sixth object.
            Waits.untilAllParked("the readers waiting for room", readers);
            assertThat(source.readAheadOpens()).isEqualTo(5);
            assertThat(source.held()).isEqualTo(5 * 10_000);

            Map<Integer, byte[]> consumed = consume(ahead, objects, 2);
            assertThat(consumed).hasSize(objects.size());
            objects.forEach(o -> assertThat(source.opens(o)).as(o.key()).isEqualTo(1));
        }
        assertThat(source.maxHeld()).isEqualTo(5 * 10_000).isLessThanOrEqualTo(budget);
    }

    @Test
    void shouldLeaveAnObjectLargerThanTheBudgetToItsConsumer() throws Exception {
        Random random = new Random(7);
        source.add("log_data/a.json", 1_000, random);
        source.add("log_data/b-large.json", 100_000, random);
        source.add("log_data/c.json", 1_000, random);
        source.add("log_data/d.json", 1_000, random);
        List<SourceObject> objects = source.list();
        SourceObject large = objects.get(1);

        try (ReadAhead ahead = ReadAhead.start(source, objects, 2, 16 * 1024)) {
            // The readers are past the large object once the ones after it are in memory.
            awaitTrue("read-ahead past the large object",
                    () -> source.opens(objects.get(2)) == 1 && source.opens(objects.get(3)) == 1);
            Map<Integer, byte[]> consumed = consume(ahead, objects, 1);
            assertThat(consumed.get(1)).isEqualTo(source.bytes(large));
        }
        assertThat(source.openers(large)).singleElement().asString().startsWith(CONSUMER);
        assertThat(source.openers(objects.get(2))).containsExactly(READER);
    }

    @Test
    void shouldOnlyPreReadObjectsOverTheHoldSizeAndLetTheConsumerReadThemAgain() throws Exception {
        Random random = new Random(19);
        int big = (int) ReadAhead.HOLD_BYTES + 1;
        source.add("log_data/a.json", big, random);
        source.add("log_data/b.json", 1_000, random);
        List<SourceObject> objects = source.list();
        SourceObject bigObject = objects.get(0);

        try (ReadAhead ahead = ReadAhead.start(source, objects, 1, 4L * big)) {
            awaitTrue("read-ahead past the big object", () -> source.opens(objects.get(1)) == 1);
            Map<Integer, byte[]> consumed = consume(ahead, objects, 1);
            assertThat(consumed.get(0)).isEqualTo(source.bytes(bigObject));
            assertThat(consumed.get(1)).isEqualTo(source.bytes(objects.get(1)));
        }
        // Read through once (into the page cache, for a file) and not kept: its consumer reads it again.
        assertThat(source.openers(bigObject)).hasSize(2).first().isEqualTo(READER);
        assertThat(source.openers(bigObject)).last().asString().startsWith(CONSUMER);
        assertThat(source.openers(objects.get(1))).containsExactly(READER);
    }

    @Test
    void shouldRetryAFailedReadAheadFromTheConsumer() throws Exception {
        Random random = new Random(11);
        source.add("song_data/a.json", 500, random);
        source.add("song_data/b.json", 500, random);
        source.add("song_data/c.json", 500, random);
        List<SourceObject> objects = source.list();
        SourceObject flaky = objects.get(1);
        source.fail(flaky, 1);

        try (ReadAhead ahead = ReadAhead.start(source, objects, 1, 1024 * 1024)) {
            // The single reader reached c only after its attempt at b failed.
            awaitTrue("read-ahead past the failure", () -> source.opens(objects.get(2)) == 1);
            Map<Integer, byte[]> consumed = consume(ahead, objects, 1);
            assertThat(consumed.get(1)).isEqualTo(source.bytes(flaky));
        }
        assertThat(source.openers(flaky)).hasSize(2).first().isEqualTo(READER);
        assertThat(source.openers(flaky)).last().asString().startsWith(CONSUMER);
    }

    @Test
    void shouldReportAReadFailureToTheConsumerWhenTheRetryFailsToo() throws Exception {
        Random random = new Random(13);
        source.add("song_data/a.json", 500, random);
        source.add("song_data/b.json", 500, random);
        source.add("song_data/c.json", 500, random);
        List<SourceObject> objects = source.list();
        SourceObject broken = objects.get(1);
        source.fail(broken, Integer.MAX_VALUE);

        try (ReadAhead ahead = ReadAhead.start(source, objects, 1, 1024 * 1024)) {
            awaitTrue("read-ahead past the failure", () -> source.opens(objects.get(2)) == 1);

            assertThat(readAll(ahead, 0)).isEqualTo(source.bytes(objects.get(0)));
            // The loader reports this exception as "cannot read <key>": the source's own error, not a read-ahead one.
            assertThatThrownBy(() -> readAll(ahead, 1))
                    .isInstanceOf(IOException.class).hasMessage("disk error reading song_data/b.json");
            assertThat(readAll(ahead, 2)).isEqualTo(source.bytes(objects.get(2)));
        }
        assertThat(source.opens(broken)).isEqualTo(2);
    }

    @Test
    void shouldWaitForAReadInProgressRatherThanReadTheObjectTwice() throws Exception {
        Random random = new Random(17);
        source.add("song_data/a.json", 2_000, random);
        source.add("song_data/b.json", 2_000, random);
        List<SourceObject> objects = source.list();
        SourceObject slow = objects.get(0);
        source.block(slow);

        try (ReadAhead ahead = ReadAhead.start(source, objects, 1, 1024 * 1024)) {
            awaitTrue("the reader is reading a", () -> source.opens(slow) == 1);
            List<Thread> consumer = new CopyOnWriteArrayList<>();
            consumers = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, CONSUMER + "0");
                consumer.add(thread);
                return thread;
            });
            Future<byte[]> first = consumers.submit(() -> readAll(ahead, 0));
            Waits.untilAllParked("the consumer waiting for the reader", consumer);
            assertThat(first).isNotDone();

            source.unblockAll();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(source.bytes(slow));
        }
        assertThat(source.openers(slow)).containsExactly(READER);
    }

    @Test
    void shouldStopTheReaderThreadsOnClose() throws Exception {
        // 4,096 bytes take 5 KB of budget each: a 20 KB budget holds four.
        for (int i = 0; i < 100; i++) {
            source.add(String.format("song_data/%03d.json", i), 4_096, new Random(i));
        }
        List<SourceObject> objects = source.list();
        // One reader stays stuck inside the source's read, holding its share of the budget.
        source.block(objects.get(0));
        Set<Thread> before = readerThreads();

        ReadAhead ahead = ReadAhead.start(source, objects, 4, 20 * 1024);
        Set<Thread> started = readerThreads();
        started.removeAll(before);
        assertThat(started).hasSize(4);
        try {
            // The stuck read and three objects in memory: the other readers now wait for budget.
            awaitTrue("the budget filled", () -> source.readAheadOpens() >= 4 && source.held() >= 3 * 4_096);
            assertThat(source.held()).isEqualTo(3 * 4_096);
            assertThat(started).allMatch(Thread::isAlive);
        } finally {
            ahead.close();
        }

        for (Thread reader : started) {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(started).noneMatch(Thread::isAlive);
        assertThat(source.readAheadOpens()).isEqualTo(4);
    }

    /**
     * Consumes every object the way the loader does: {@code threads} consumers each take the next
     * index from a shared counter. Fails on an index consumed twice.
     */
    private Map<Integer, byte[]> consume(ReadAhead ahead, List<SourceObject> objects, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger names = new AtomicInteger();
        Map<Integer, byte[]> consumed = new ConcurrentHashMap<>();
        consumers = Executors.newFixedThreadPool(threads, r -> new Thread(r, CONSUMER + names.getAndIncrement()));
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(consumers.submit(() -> {
                int index;
                while ((index = next.getAndIncrement()) < objects.size()) {
                    source.claim(objects.get(index));
                    if (consumed.putIfAbsent(index, readAll(ahead, index)) != null) {
                        fail("object " + index + " consumed twice");
                    }
                }
                return null;
            }));
        }
        for (Future<?> consumer : running) {
            consumer.get(60, TimeUnit.SECONDS);
        }
        consumers.shutdown();
        return new TreeMap<>(consumed);
    }

    private static byte[] readAll(ReadAhead ahead, int index) throws IOException {
        try (InputStream in = ahead.open(index)) {
            return in.readAllBytes();
        }
    }

    private static Set<Thread> readerThreads() {
        Set<Thread> readers = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(READER)) {
                readers.add(thread);
            }
        }
        return readers;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        Waits.waitFor(what, Duration.ofSeconds(30)).until(condition::getAsBoolean);
    }

    /**
     * Serves bytes from a map, records which thread opened each key, fails or blocks on chosen keys,
     * and tracks the bytes held in memory: read by a reader thread and not yet claimed by a consumer.
     * A consumer claims an object just before asking the read-ahead for it, i.e. before the read-ahead
     * can release its budget, so the figure never overstates what the read-ahead holds.
     */
    private static final class FakeSource implements ObjectSource {
        private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
        private final Map<String, Queue<String>> openers = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> blocks = new ConcurrentHashMap<>();
        private final Set<String> heldKeys = new HashSet<>();
        private final Set<String> claimed = new HashSet<>();
        private final AtomicInteger readAheadOpens = new AtomicInteger();
        private long held;
        private long maxHeld;

        void add(String key, int size, Random random) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            contents.put(key, bytes);
        }

        void fail(SourceObject object, int times) {
            failures.put(object.key(), new AtomicInteger(times));
        }

        void block(SourceObject object) {
            blocks.put(object.key(), new CountDownLatch(1));
        }

        void unblockAll() {
            blocks.values().forEach(CountDownLatch::countDown);
        }

        @Override
        public List<SourceObject> list() {
            return contents.entrySet().stream().map(e -> new SourceObject(e.getKey(), e.getValue().length))
                    .sorted((a, b) -> a.key().compareTo(b.key())).toList();
        }

        @Override
        public InputStream open(SourceObject object) throws IOException {
            String key = object.key();
            boolean readAhead = Thread.currentThread().getName().equals(READER);
            openers.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(Thread.currentThread().getName());
            if (readAhead) {
                readAheadOpens.incrementAndGet();
            }
            CountDownLatch block = blocks.get(key);
            if (block != null) {
                try {
                    block.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted reading " + key);
                }
            }
            AtomicInteger failuresLeft = failures.get(key);
            if (failuresLeft != null && failuresLeft.getAndDecrement() > 0) {
                throw new IOException("disk error reading " + key);
            }
            byte[] bytes = contents.get(key);
            if (readAhead) {
                holding(key, bytes.length);
            }
            return new ByteArrayInputStream(bytes);
        }

        private synchronized void holding(String key, long size) {
            if (!claimed.contains(key) && heldKeys.add(key)) {
                held += size;
                maxHeld = Math.max(maxHeld, held);
            }
        }

        synchronized void claim(SourceObject object) {
            claimed.add(object.key());
            if (heldKeys.remove(object.key())) {
                held -= object.size();
            }
        }

        synchronized long held() {
            return held;
        }

        synchronized long maxHeld() {
            return maxHeld;
        }

        int readAheadOpens() {
            return readAheadOpens.get();
        }

        byte[] bytes(SourceObject object) {
            return contents.get(object.key());
        }

        Collection<String> openers(SourceObject object) {
            return List.copyOf(openers.getOrDefault(object.key(), new ConcurrentLinkedQueue<>()));
        }

        int opens(SourceObject object) {
            return openers(object).size();
        }
    }
}
