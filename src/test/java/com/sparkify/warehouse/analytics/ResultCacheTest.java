package com.sparkify.warehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The result cache is bounded, least-recently-used, and never keeps a value computed before a change.
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
}
