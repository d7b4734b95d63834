package com.sparkify.warehouse.analytics;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A bounded, thread-safe LRU map of query results, emptied whenever the warehouse changes.
 *
 * <p>A result is stored only if no change happened while it was computed ({@link #generation()} taken
 * before the query, compared in {@link #put}); otherwise a query that read the old tables could be
 * cached after the change that made it stale.
 *
 * <p>{@link #getOrLoad} loads a missing value once however many callers miss it at the same time: the
 * first runs the query, the others wait for its answer. Right after an ETL run empties the cache, a
 * dashboard's sixteen concurrent requests would otherwise run sixteen copies of the same query, and on
 * the embedded engine, with its bounded memory still busy with the run's checkpoint, some ran out of it.
 */
final class ResultCache<K, V> {

    /** Computes a value that is not cached yet. */
    interface Loader<V> {
        V load() throws SQLException;
    }

    /** A load under way: for one key, in one generation (a load from before a change is not shared after it). */
    private record Flight<K>(K key, long generation) {
    }

    private final int maxEntries;
    private final LinkedHashMap<K, V> entries;
    private final Map<Flight<K>, CompletableFuture<V>> loading = new HashMap<>();
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

    /** The cached value, or the one {@code loader} gives, loaded by one caller while the others wait for it. */
    V getOrLoad(K key, Loader<V> loader) throws SQLException {
        Flight<K> flight;
        CompletableFuture<V> future;
        boolean first;
        synchronized (this) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
            flight = new Flight<>(key, generation);
            future = loading.get(flight);
            first = future == null;
            if (first) {
                future = new CompletableFuture<>();
                loading.put(flight, future);
            }
        }
        if (!first) {
            return await(future);
        }
        try {
            V value = loader.load();
            put(key, value, flight.generation());
            future.complete(value);
            return value;
        } catch (SQLException | RuntimeException | Error e) {
            future.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                loading.remove(flight, future);
            }
        }
    }

    /** Another caller's answer: its value, or its failure thrown here too. */
    private static <V> V await(CompletableFuture<V> future) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the same query", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
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
