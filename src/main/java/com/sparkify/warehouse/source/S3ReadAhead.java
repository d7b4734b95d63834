package com.sparkify.warehouse.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    /** Per thread: whether it is pumping, and whether it was asked to pump again meanwhile. */
    private final ThreadLocal<boolean[]> pumping = ThreadLocal.withInitial(() -> new boolean[2]);
    private final AtomicInteger peakInFlight = new AtomicInteger();

    S3ReadAhead(S3ObjectSource source, ObjectFeed objects, int maxInFlight, long budgetBytes, long holdBytes) {
        this(source, source::fetch, objects, maxInFlight, budgetBytes, holdBytes);
    }

    /**
     * {@code fetch} requests an object's bytes; {@code source} streams the objects not fetched ahead. Objects
     * the feed receives later are requested as they arrive.
     */
    S3ReadAhead(ObjectSource source, Function<SourceObject, CompletableFuture<byte[]>> fetch,
            ObjectFeed objects, int maxInFlight, long budgetBytes, long holdBytes) {
        this.source = source;
        this.fetch = fetch;
        this.objects = objects;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.free = budgetBytes;
        this.holdBytes = Math.min(holdBytes, budgetBytes);
        objects.watch(this::pump);
        pump();
    }

    S3ReadAhead(ObjectSource source, Function<SourceObject, CompletableFuture<byte[]>> fetch,
            List<SourceObject> objects, int maxInFlight, long budgetBytes, long holdBytes) {
        this(source, fetch, ObjectFeed.of(objects), maxInFlight, budgetBytes, holdBytes);
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
            pump();
        }
    }

    /** The most requests this read-ahead had in flight at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /**
     * Requests the next objects while the requests in flight and the budget allow. Threads pump at the same
     * time, each starting the requests it claimed: building a request costs the SDK CPU, and one thread
     * starting every request would bound the requests in flight by its speed. A thread does not pump
     * again from within its own pump (an answer already complete when its request returns), it loops.
     */
    private void pump() {
        boolean[] pumping = this.pumping.get();
        if (pumping[0]) {
            pumping[1] = true;
            return;
        }
        pumping[0] = true;
        try {
            do {
                pumping[1] = false;
                for (Start start : starts()) {
                    fetch.apply(start.object()).whenComplete((bytes, error) -> {
                        synchronized (this) {
                            inFlight--;
                        }
                        if (error != null) {
                            start.slot().completeExceptionally(error);
                        } else {
                            start.slot().complete(bytes);
                        }
                        pump();
                    });
                }
            } while (pumping[1]);
        } finally {
            pumping[0] = false;
        }
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
