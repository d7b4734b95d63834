package com.sparkify.warehouse.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Keeps up to {@code maxInFlight} GETs of a load's objects in flight on the asynchronous S3 client, in
 * the order listed, ahead of the loader threads: at S3's latency the objects per second are bounded by the
 * requests in flight, not by the loader threads, which stay one per core and only parse. Objects the
 * listing finds while the load runs are requested as they arrive.
 *
 * <p>Memory stays flat however many objects there are: the listed bytes of the objects requested and not
 * yet opened never pass {@code budgetBytes}; the next request waits for a loader to take one. An object
 * bigger than {@code holdBytes} is not fetched ahead: its loader streams it. A loader that reaches an
 * object not requested yet requests it itself. A failed request fails the open of its object with the
 * SDK's exception, after the SDK's own retries.
 *
 * <p>Requests are started by one thread of the read-ahead's own, woken whenever a slot or budget frees, not
 * by the thread that freed it: an answer's callback runs on the HTTP client's event loop, and building the
 * next request there as well made the event loops' work, and what the JIT compiled for it, larger than the
 * same requests started from a thread apart (BENCHMARKS.md, "Session 12").
 */
public final class S3ReadAhead implements Prefetch {

    /** Marks an object a loader has opened. */
    private static final CompletableFuture<byte[]> TAKEN = new CompletableFuture<>();

    private final ObjectSource source;
    private final Function<SourceObject, CompletableFuture<byte[]>> fetch;
    private final ObjectFeed objects;
    private final int maxInFlight;
    private final long holdBytes;
    /**
     * Guarded by this: each object's request (null before it is made, {@link #TAKEN} once opened), the
     * next index to request, requests in flight, budget left in bytes.
     */
    private final List<CompletableFuture<byte[]>> slots = new ArrayList<>();
    private int next;
    private int inFlight;
    private long free;
    private volatile boolean closed;
    /** Runs {@link #pump()}; its thread, when the read-ahead owns one, ends with {@link #close()}. */
    private final Executor starter;
    private final ExecutorService ownStarter;
    /** Wake-ups not yet seen by a pump: a pump runs while this is above zero, one at a time. */
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    S3ReadAhead(S3ObjectSource source, ObjectFeed objects, int maxInFlight, long budgetBytes, long holdBytes) {
        this(source, source::fetch, objects, maxInFlight, budgetBytes, holdBytes, null);
    }

    /**
     * {@code fetch} requests an object's bytes; {@code source} streams the objects not fetched ahead. Objects
     * the feed receives later are requested as they arrive. Requests are started on {@code starter}, or on a
     * thread of the read-ahead's own when it is null.
     */
    S3ReadAhead(ObjectSource source, Function<SourceObject, CompletableFuture<byte[]>> fetch,
            ObjectFeed objects, int maxInFlight, long budgetBytes, long holdBytes, Executor starter) {
        this.source = source;
        this.fetch = fetch;
        this.objects = objects;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.free = budgetBytes;
        this.holdBytes = Math.min(holdBytes, budgetBytes);
        this.ownStarter = starter == null ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sparkify-s3-requests");
            t.setDaemon(true);
            return t;
        }) : null;
        this.starter = starter == null ? ownStarter : starter;
        objects.watch(this::wake);
        wake();
    }

    S3ReadAhead(ObjectSource source, Function<SourceObject, CompletableFuture<byte[]>> fetch,
            List<SourceObject> objects, int maxInFlight, long budgetBytes, long holdBytes, Executor starter) {
        this(source, fetch, ObjectFeed.of(objects), maxInFlight, budgetBytes, holdBytes, starter);
    }

    @Override
    public InputStream open(int index) throws IOException {
        SourceObject object = objects.get(index);
        CompletableFuture<byte[]> fetched;
        synchronized (this) {
            while (slots.size() <= index) {
                slots.add(null);
            }
            fetched = slots.set(index, TAKEN);
        }
        if (fetched == TAKEN) {
            throw new IllegalStateException("object " + index + " was opened twice");
        }
        if (fetched == null) {
            // Not requested yet (too big to hold, or the loaders caught up): read it directly.
            return source.open(object);
        }
        try {
            return new ByteArrayInputStream(S3ObjectSource.await(fetched));
        } finally {
            synchronized (this) {
                free += size(object);
            }
            wake();
        }
    }

    /** The most requests this read-ahead had in flight at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Asks for a pump: starts one on the starter unless one is running, which then loops once more. */
    private void wake() {
        if (wakeUps.getAndIncrement() == 0) {
            try {
                starter.execute(this::pump);
            } catch (RejectedExecutionException e) {
                wakeUps.set(0); // closed meanwhile: nothing more is requested
            }
        }
    }

    /**
     * Requests the next objects while the requests in flight and the budget allow, until no wake-up came
     * meanwhile. An answer already complete when its request returns wakes this pump again, which loops.
     */
    private void pump() {
        int seen = wakeUps.get();
        do {
            for (Start start : starts()) {
                CompletableFuture<byte[]> request;
                try {
                    request = fetch.apply(start.object());
                } catch (RuntimeException e) {
                    // Thrown rather than returned failed: its loader must still get the failure.
                    request = CompletableFuture.failedFuture(e);
                }
                request.whenComplete((bytes, error) -> {
                    synchronized (this) {
                        inFlight--;
                    }
                    if (error != null) {
                        start.slot().completeExceptionally(error);
                    } else {
                        start.slot().complete(bytes);
                    }
                    wake();
                });
            }
            seen = wakeUps.addAndGet(-seen);
        } while (seen != 0);
    }

    private synchronized List<Start> starts() {
        List<Start> starts = new ArrayList<>();
        int listed = objects.size();
        while (!closed && next < listed && inFlight < maxInFlight) {
            SourceObject object = objects.get(next);
            long size = size(object);
            if (size > holdBytes) {
                next++;
                continue;
            }
            if (size > free) {
                break;
            }
            if (slots.size() <= next) {
                slots.add(null);
            }
            next++;
            if (slots.get(next - 1) == null) {
                CompletableFuture<byte[]> slot = new CompletableFuture<>();
                slots.set(next - 1, slot);
                free -= size;
                inFlight++;
                peakInFlight.accumulateAndGet(inFlight, Math::max);
                starts.add(new Start(object, slot));
            }
        }
        return starts;
    }

    private record Start(SourceObject object, CompletableFuture<byte[]> slot) {
    }

    /** The budget an object holds: its listed size, at least one byte so empty objects count too. */
    private static long size(SourceObject object) {
        return Math.max(1, object.size());
    }

    @Override
    public void close() {
        closed = true;
        if (ownStarter != null) {
            ownStarter.shutdown();
        }
        List<CompletableFuture<byte[]>> left;
        synchronized (this) {
            left = slots.stream().filter(s -> s != null && s != TAKEN).toList();
            slots.replaceAll(s -> TAKEN);
        }
        for (CompletableFuture<byte[]> slot : left) {
            slot.cancel(false);
        }
    }
}
