package com.sparkify.warehouse.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe LRU map of query results, emptied whenever the warehouse changes.
 *
 * <p>A result is stored only if no change happened while it was computed ({@link #generation()} taken
 * before the query, compared in {@link #put}); otherwise a query that read the old tables could be
 * cached after the change that made it stale.
 */
final class ResultCache<K, V> {

    private final int maxEntries;
    private final LinkedHashMap<K, V> entries;
    private long generation;

    ResultCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > ResultCache.this.maxEntries;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    /** The current generation, to pass to {@link #put} once the value is computed. */
    synchronized long generation() {
        return generation;
    }

    /** Stores the value unless the cache was invalidated since {@code generation} was read. */
    synchronized boolean put(K key, V value, long generation) {
        if (generation != this.generation) {
            return false;
        }
        entries.put(key, value);
        return true;
    }

    /** Drops every entry and refuses values computed before now. */
    synchronized void invalidate() {
        generation++;
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
