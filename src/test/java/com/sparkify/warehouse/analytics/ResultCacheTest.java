package com.sparkify.warehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Waits;

/**
 * The result cache is bounded, least-recently-used, never keeps a value computed before a change, and
 * loads a value that many callers miss at once only once.
 */
class ResultCacheTest {

    @Test
    void shouldEvictLeastRecentlyUsedEntryBeyondBound() {
        ResultCache<String, String> cache = new ResultCache<>(2);
        cache.put("a", "A", cache.generation());
        cache.put("b", "B", cache.generation());
        cache.get("a");

        cache.put("c", "C", cache.generation());

        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("c")).isEqualTo("C");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void shouldDropEverythingOnInvalidate() {
        ResultCache<String, String> cache = new ResultCache<>(10);
        cache.put("a", "A", cache.generation());

        cache.invalidate();

        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void shouldRefuseValueComputedBeforeInvalidation() {
        ResultCache<String, String> cache = new ResultCache<>(10);
        long before = cache.generation();
        cache.invalidate();

        assertThat(cache.put("a", "stale", before)).isFalse();
        assertThat(cache.get("a")).isNull();
    }

    @Test
    void shouldStayWithinBoundUnderConcurrentUse() throws InterruptedException {
        ResultCache<Integer, Integer> cache = new ResultCache<>(AnalyticsService.MAX_CACHED_RESULTS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int offset = t * 10_000;
            pool.execute(() -> {
                for (int i = 0; i < 5_000; i++) {
                    cache.put(offset + i, i, cache.generation());
                    cache.get(offset + i / 2);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(cache.size()).isEqualTo(AnalyticsService.MAX_CACHED_RESULTS);
    }

    @Test
    void shouldLoadOnceForCallersMissingTheSameKeyAtOnce() throws Exception {
        ResultCache<String, String> cache = new ResultCache<>(10);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> callers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16, task -> {
            Thread caller = new Thread(task);
            callers.add(caller);
            return caller;
        });
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(pool.submit(() -> cache.getOrLoad("top-songs", () -> {
                loads.incrementAndGet();
                await(release);
                return "rows";
            })));
        }
        // Every caller has arrived: whoever came first is loading and the others wait for it.
        Waits.waitFor("16 callers").until(() -> callers.size() == 16);
        Waits.untilAllParked("the load and the callers waiting for it", callers);
        release.countDown();

        for (Future<String> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("rows");
        }
        pool.shutdown();
        assertThat(loads).hasValue(1);
        assertThat(cache.get("top-songs")).isEqualTo("rows");
    }

    @Test
    void shouldGiveEveryWaitingCallerTheFailureAndKeepNothing() throws Exception {
        ResultCache<String, String> cache = new ResultCache<>(10);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> first = pool.submit(() -> cache.getOrLoad("q", () -> {
            loads.incrementAndGet();
            loading.countDown();
            await(release);
            throw new SQLException("Out of Memory Error");
        }));
        loading.await();
        FutureTask<String> second = new FutureTask<>(() -> cache.getOrLoad("q", () -> {
            loads.incrementAndGet();
            return "never: the first load is under way";
        }));
        Thread waiter = new Thread(second);
        waiter.start();
        Waits.untilParked("the second caller waiting for the first load", waiter);
        release.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("Out of Memory Error");
        pool.shutdown();
        assertThat(loads).hasValue(1);
        assertThat(cache.getOrLoad("q", () -> "loaded again")).isEqualTo("loaded again");
    }

    @Test
    void shouldNotShareALoadThatStartedBeforeAChange() throws Exception {
        ResultCache<String, String> cache = new ResultCache<>(10);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> old = pool.submit(() -> cache.getOrLoad("q", () -> {
            loading.countDown();
            await(release);
            return "old tables";
        }));
        loading.await();

        cache.invalidate();
        String fresh = cache.getOrLoad("q", () -> "new tables");
        release.countDown();

        assertThat(fresh).isEqualTo("new tables");
        assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("old tables");
        assertThat(cache.get("q")).isEqualTo("new tables");
        pool.shutdown();
    }

    /** A loader's wait: loaders may only throw SQLException. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
