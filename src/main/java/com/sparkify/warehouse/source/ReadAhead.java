package com.sparkify.warehouse.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads objects into memory ahead of the loader threads, so a loader finds the next object's bytes
 * ready instead of waiting on the disk: with thousands of small files and a cold page cache, the
 * wait per file, not the parsing, is what a loader thread would spend its time on. A few more
 * threads than cores overlap those waits; the loaders (one per core) stay busy parsing and appending.
 *
 * <p>Memory stays bounded by {@code budgetBytes}: an object larger than that is never read ahead, and
 * a reader waits for loaders to consume what is ready. Objects over {@link #HOLD_BYTES} are read only
 * to fill the operating system's page cache, so the loader's own read of them does not wait either.
 * A loader that reaches an object nobody has started reads it itself, and a read-ahead that failed is
 * retried by the loader, which reports the error as it would have without read-ahead.
 */
public final class ReadAhead implements Prefetch {

    private static final Object TAKEN = new Object();
    private static final Object READING = new Object();
    private static final Object FAILED = new Object();
    /** Objects up to this size are held in memory; bigger ones are only pre-read into the page cache. */
    static final long HOLD_BYTES = 256 * 1024;
    private static final long WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ObjectSource source;
    private final List<SourceObject> objects;
    private final AtomicReferenceArray<Object> slots;
    private final AtomicInteger next = new AtomicInteger();
    private final Semaphore budget;
    private final int budgetKb;
    private final Thread[] readers;
    private volatile boolean closed;

    private ReadAhead(ObjectSource source, List<SourceObject> objects, int threads, long budgetBytes) {
        this.source = source;
        this.objects = objects;
        this.slots = new AtomicReferenceArray<>(objects.size());
        this.budgetKb = (int) Math.min(Integer.MAX_VALUE, budgetBytes / 1024);
        this.budget = new Semaphore(budgetKb);
        this.readers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            readers[i] = new Thread(this::readAhead, "sparkify-read-ahead");
            readers[i].setDaemon(true);
            readers[i].start();
        }
    }

    /** Starts {@code threads} read-ahead threads over {@code objects}, in list order; none when 0. */
    public static ReadAhead start(ObjectSource source, List<SourceObject> objects, int threads, long budgetBytes) {
        return new ReadAhead(source, objects, threads, budgetBytes);
    }

    /** The bytes of {@code objects.get(index)}: from memory when read ahead, else from the source. */
    @Override
    public InputStream open(int index) throws IOException {
        while (true) {
            Object state = slots.get(index);
            if (state == null) {
                if (slots.compareAndSet(index, null, TAKEN)) {
                    return source.open(objects.get(index));
                }
            } else if (state instanceof Ready ready) {
                slots.set(index, TAKEN);
                budget.release(ready.kb());
                return new ByteArrayInputStream(ready.bytes());
            } else if (state instanceof Warmed warmed) {
                slots.set(index, TAKEN);
                budget.release(warmed.kb());
                return source.open(objects.get(index));
            } else if (state == FAILED) {
                slots.set(index, TAKEN);
                return source.open(objects.get(index));
            } else if (state == READING) {
                LockSupport.parkNanos(WAIT_NANOS);
            } else {
                throw new IllegalStateException("object " + index + " was opened twice");
            }
        }
    }

    private void readAhead() {
        byte[] scratch = new byte[64 * 1024];
        int index;
        while (!closed && (index = next.getAndIncrement()) < objects.size()) {
            SourceObject object = objects.get(index);
            int kb = kb(object.size());
            if (kb > budgetKb || slots.get(index) != null) {
                continue;
            }
            if (!acquire(kb, index)) {
                continue;
            }
            if (!slots.compareAndSet(index, null, READING)) {
                budget.release(kb); // a loader took it meanwhile
                continue;
            }
            try (InputStream in = source.open(object)) {
                if (object.size() > HOLD_BYTES) {
                    // Big objects stay off the heap (copying megabytes through young collections costs
                    // more than reading twice): reading them only pulls them into the page cache.
                    while (in.read(scratch) >= 0) {
                        // discard
                    }
                    slots.set(index, new Warmed(kb));
                } else {
                    // The budget counts the listed size; a file that grew since is still handed over whole.
                    slots.set(index, new Ready(in.readAllBytes(), kb));
                }
            } catch (IOException | RuntimeException | Error e) {
                // Whatever went wrong, the slot must not stay READING: its loader would wait forever.
                budget.release(kb);
                slots.set(index, FAILED);
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }
    }

    /** Waits for room for {@code kb}; false when loading stopped or a loader took the object first. */
    private boolean acquire(int kb, int index) {
        try {
            while (!budget.tryAcquire(kb, 10, TimeUnit.MILLISECONDS)) {
                if (closed || slots.get(index) != null) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            return false;
        }
        if (closed) {
            budget.release(kb);
            return false;
        }
        return true;
    }

    /** Bytes read ahead, with the budget they hold. */
    private record Ready(byte[] bytes, int kb) {
    }

    /** A big object read once so the loader finds it in the page cache, with the budget it holds. */
    private record Warmed(int kb) {
    }

    private static int kb(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes / 1024 + 1);
    }

    /** Stops reading ahead; what was read and not consumed is dropped with this object. */
    @Override
    public void close() {
        closed = true;
        for (Thread reader : readers) {
            reader.interrupt();
        }
    }
}
