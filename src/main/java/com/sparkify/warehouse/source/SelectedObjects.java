package com.sparkify.warehouse.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The objects of one location a run chose to load, handed over as they are chosen: an incremental run
 * chooses while the location is still being listed, and staging can start on the first ones. Complete
 * once its feed ends; the keys left out (not {@code .json}) are known by then.
 */
public final class SelectedObjects {

    private final ObjectFeed objects;
    private final CompletableFuture<List<String>> leftOut;
    private final Runnable stop;

    /**
     * {@code objects} grows as objects are chosen; {@code leftOut} completes, before the feed ends, with the
     * keys the listing left out; {@code stop} stops the choosing when the load no longer wants its objects.
     */
    public SelectedObjects(ObjectFeed objects, CompletableFuture<List<String>> leftOut, Runnable stop) {
        this.objects = objects;
        this.leftOut = leftOut;
        this.stop = stop;
    }

    /** A selection made whole before the load. */
    public static SelectedObjects of(ObjectSource.Listing listing) {
        return new SelectedObjects(ObjectFeed.of(listing.objects()), CompletableFuture.completedFuture(listing.others()),
                () -> { });
    }

    /**
     * As {@link ObjectSource#listing(Consumer)}: hands the chosen objects to {@code pages} as they come, one
     * caller at a time, and completes with the keys left out once the choice is complete (or fails with its
     * failure). Cancelling the future stops the choosing.
     */
    public CompletableFuture<List<String>> listing(Consumer<List<SourceObject>> pages) {
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        Object lock = new Object();
        int[] handed = { 0 };
        Runnable forward = () -> {
            synchronized (lock) {
                if (done.isDone()) {
                    return;
                }
                boolean ended = objects.ended(); // read before the size: every object of an ended feed is counted
                int size = objects.size();
                if (size > handed[0]) {
                    List<SourceObject> page = new ArrayList<>(size - handed[0]);
                    for (int i = handed[0]; i < size; i++) {
                        page.add(objects.get(i));
                    }
                    handed[0] = size;
                    pages.accept(page);
                }
                if (objects.failure() != null) {
                    done.completeExceptionally(objects.failure());
                } else if (ended) {
                    leftOut.whenComplete((keys, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(keys);
                        }
                    });
                }
            }
        };
        objects.watch(forward);
        forward.run();
        done.whenComplete((keys, error) -> {
            if (done.isCancelled()) {
                stop.run();
            }
        });
        return done;
    }

    /** The whole selection, waiting until it is complete; throws its failure. */
    public ObjectSource.Listing await() throws InterruptedException {
        List<SourceObject> all = objects.awaitEnd();
        return new ObjectSource.Listing(all, leftOut.join());
    }

    /** The chosen objects as they come. */
    public ObjectFeed objects() {
        return objects;
    }
}
