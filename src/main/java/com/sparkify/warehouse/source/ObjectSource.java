package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Lists and reads the JSON objects under one location, S3 or local, the same way.
 */
public interface ObjectSource {

    /** Every {@code .json} object under the location, sorted by key; one object when it names a file. */
    List<SourceObject> list() throws IOException;

    /**
     * The {@code .json} objects as {@link #list()} gives them, and the keys of the other objects under
     * the location, which the loaders leave out but a run must name (COPY of the prefix would read them).
     */
    default Listing listing() throws IOException {
        return new Listing(list(), List.of());
    }

    /**
     * Lists as {@link #listing()} does, handing the {@code .json} objects to {@code pages} as they are
     * found, in no particular order and possibly from other threads, so that loading can start before the
     * listing ends. The future completes with the keys left out once every object was handed over, or
     * fails with the listing's error; cancelling it stops the listing. By default the whole listing is
     * one page, handed over before this returns.
     */
    default CompletableFuture<List<String>> listing(Consumer<List<SourceObject>> pages) {
        Listing listing;
        try {
            listing = listing();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return handOver(listing, pages);
    }

    /** A listing made already, handed to {@code pages} as one page as {@link #listing(Consumer)} hands one over. */
    static CompletableFuture<List<String>> handOver(Listing listing, Consumer<List<SourceObject>> pages) {
        pages.accept(listing.objects());
        return CompletableFuture.completedFuture(listing.others());
    }

    /** One listing: the objects to load, and the keys left out because they are not {@code .json}. */
    record Listing(List<SourceObject> objects, List<String> others) {
        public Listing {
            objects = List.copyOf(objects);
            others = List.copyOf(others);
        }
    }

    /** The object's bytes, streamed. */
    InputStream open(SourceObject object) throws IOException;
}
