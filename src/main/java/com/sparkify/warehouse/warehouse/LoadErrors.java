package com.sparkify.warehouse.warehouse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load's bad records: counts them, keeps the first for the failure message, and passes each to the
 * listener. {@code sparkify.etl.max-errors} counts over both staging tables, so one of these spans a
 * whole load. Safe for the loader's threads.
 */
public final class LoadErrors {

    private final StagingListener listener;
    private final long maxErrors;
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<LoadError> first = new AtomicReference<>();

    public LoadErrors(StagingListener listener, long maxErrors) {
        this.listener = listener;
        this.maxErrors = maxErrors;
    }

    /** Records a bad record; true while the load may go on (at most {@code maxErrors} so far). */
    public boolean add(LoadError error) {
        first.compareAndSet(null, error);
        listener.loadError(error);
        return count.incrementAndGet() <= maxErrors;
    }

    public long count() {
        return count.get();
    }

    /** What is left of max-errors. */
    public long allowed() {
        return Math.max(0, maxErrors - count.get());
    }

    /** Whether more bad records than {@code maxErrors} were found. */
    public boolean exceeded() {
        return count.get() > maxErrors;
    }

    /** The failure both engines report for more bad records than {@code maxErrors}, naming the first. */
    public LoadFailure tooMany(String table) {
        long total = count.get();
        LoadError e = first.get();
        return new LoadFailure(table + ": " + total + " bad record" + (total == 1 ? "" : "s")
                + " exceed sparkify.etl.max-errors=" + maxErrors + (e == null ? "" : "; first: " + e.describe()));
    }
}
