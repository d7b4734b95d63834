package com.sparkify.warehouse.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The objects of one load as its listing finds them, so loading starts with the first page instead of
 * after the last: append-only, read by index while later pages still arrive. It ends once, when the
 * listing is complete, or fails, and then hands out no more objects.
 */
public final class ObjectFeed {

    private final List<SourceObject> objects = new ArrayList<>();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private boolean ended;
    private RuntimeException failure;

    /** A feed of a listing already complete. */
    public static ObjectFeed of(List<SourceObject> objects) {
        ObjectFeed feed = new ObjectFeed();
        feed.add(objects);
        feed.end();
        return feed;
    }

    /** Appends one page; ignored once the feed ended (a listing stopped by a failure may still answer). */
    public void add(List<SourceObject> page) {
        synchronized (this) {
            if (ended) {
                return;
            }
            objects.addAll(page);
            notifyAll();
        }
        changed();
    }

    /** The listing is complete: no more objects. */
    public void end() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            notifyAll();
        }
        changed();
    }

    /** The listing or the load failed: readers get {@code cause} from now on; false when it had ended already. */
    public boolean fail(RuntimeException cause) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            failure = cause;
            notifyAll();
        }
        changed();
        return true;
    }

    /** Runs {@code watcher} after every page, and when the feed ends or fails. */
    public void watch(Runnable watcher) {
        watchers.add(watcher);
    }

    private void changed() {
        for (Runnable watcher : watchers) {
            watcher.run();
        }
    }

    /** Objects listed so far. */
    public synchronized int size() {
        return objects.size();
    }

    public synchronized SourceObject get(int index) {
        return objects.get(index);
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** The failure the feed ended with, or null. */
    public synchronized RuntimeException failure() {
        return failure;
    }

    /**
     * The object at {@code index}, waiting until the listing reaches it; null when the listing ended with
     * fewer objects. Throws the feed's failure once it failed.
     */
    public synchronized SourceObject await(int index) throws InterruptedException {
        while (failure == null && index >= objects.size() && !ended) {
            wait();
        }
        if (failure != null) {
            throw failure;
        }
        return index < objects.size() ? objects.get(index) : null;
    }

    /** Every object listed so far, in the order listed. */
    public synchronized List<SourceObject> objects() {
        return List.copyOf(objects);
    }
}
