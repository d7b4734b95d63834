package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects under an S3 key prefix. Like Redshift's COPY, the prefix is a plain key prefix; only keys
 * ending in {@code .json} are loaded.
 *
 * <p>Listing walks the prefix by its {@code /}-separated sub-prefixes, listing each as soon as its parent
 * named it, many at once, until a level names at least {@link #SPREAD} sub-prefixes: those are listed
 * whole (no delimiter, a thousand keys a page), each on its own. A layout such as song_data's (three levels
 * of one-letter folders) is so listed in a few round trips by a few dozen pages instead of one page of a
 * thousand keys after the other, and without a request per leaf folder (each request costs the SDK CPU
 * whatever its page holds). Each page's objects can be handed over as the page arrives
 * ({@link #listing(Consumer)}), so reading starts with the first page.
 */
public final class S3ObjectSource implements ObjectSource {

    private static final String DELIMITER = "/";
    /** Sub-prefixes named by one page from which on each is listed whole rather than walked further. */
    static final int SPREAD = 8;
    /**
     * Keys the whole listings in flight may bring at once, judged by the pages so far (at least
     * {@link #WHOLE_AT_ONCE} listings): the SDK parses each page on the HTTP client's event loops, where
     * the GETs of the objects already listed wait behind it, so dozens of full pages answered together
     * stalled the reading that the first page alone could keep busy. Small pages (many small folders) still
     * go out many at once.
     */
    static final int KEYS_AT_ONCE = 4000;
    /** Whole listings in flight before any has answered, and at least whatever the pages hold. */
    static final int WHOLE_AT_ONCE = 4;

    private final S3AsyncClient s3;
    private final SourceLocation.S3 location;
    private final int maxConcurrency;

    public S3ObjectSource(S3AsyncClient s3, SourceLocation.S3 location, int maxConcurrency) {
        this.s3 = s3;
        this.location = location;
        this.maxConcurrency = Math.max(1, maxConcurrency);
    }

    SourceLocation.S3 location() {
        return location;
    }

    int maxConcurrency() {
        return maxConcurrency;
    }

    @Override
    public List<SourceObject> list() throws IOException {
        return listing().objects();
    }

    @Override
    public Listing listing() throws IOException {
        ConcurrentLinkedQueue<SourceObject> found = new ConcurrentLinkedQueue<>();
        List<String> others = await(listing(found::addAll));
        List<SourceObject> objects = new ArrayList<>(found);
        objects.sort(Comparator.comparing(SourceObject::key));
        return new Listing(objects, others);
    }

    /** Each page's objects are handed over as the page arrives, on the SDK's threads. */
    @Override
    public CompletableFuture<List<String>> listing(Consumer<List<SourceObject>> pages) {
        return new Walk(pages).start();
    }

    /** The object's bytes, streamed as they arrive. */
    @Override
    public InputStream open(SourceObject object) throws IOException {
        return await(s3.getObject(request(object), AsyncResponseTransformer.toBlockingInputStream()));
    }

    /** The whole object in memory, once it has arrived. */
    CompletableFuture<byte[]> fetch(SourceObject object) {
        return s3.getObject(request(object), AsyncResponseTransformer.toBytes())
                .thenApply(ResponseBytes::asByteArrayUnsafe);
    }

    private GetObjectRequest request(SourceObject object) {
        return GetObjectRequest.builder().bucket(location.bucket()).key(object.key()).build();
    }

    /** Waits for a request; its failure is thrown as the SDK's exception, as a blocking client would. */
    static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for S3");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** The cause of a failed request as something a caller catches: the SDK's or an I/O exception. */
    static RuntimeException unwrap(Throwable cause) throws IOException {
        while (cause instanceof CompletionException || cause instanceof ExecutionException) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof SdkException sdk) {
            return sdk;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return SdkException.create(String.valueOf(cause), cause);
    }

    /**
     * One listing: every prefix to list is a task; at most {@code maxConcurrency} pages are requested at
     * once, and the first failure ends the listing.
     */
    private final class Walk {
        private final Consumer<List<SourceObject>> pages;
        private final ConcurrentLinkedQueue<String> others = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final CompletableFuture<List<String>> done = new CompletableFuture<>();
        private final Semaphore slots = new Semaphore(maxConcurrency);
        private final ConcurrentLinkedQueue<Task> waiting = new ConcurrentLinkedQueue<>();
        /** Guarded by this: whole listings in flight, and the pages and keys whole listings answered so far. */
        private int wholeInFlight;
        private long wholePages;
        private long wholeKeys;

        Walk(Consumer<List<SourceObject>> pages) {
            this.pages = pages;
        }

        CompletableFuture<List<String>> start() {
            submit(new Task(location.prefix(), null, true));
            return done;
        }

        private void submit(Task task) {
            pending.incrementAndGet();
            waiting.add(task);
            drain();
        }

        /**
         * Starts waiting prefixes in order while slots are free and, for whole listings, while the keys they
         * may bring stay within {@link #KEYS_AT_ONCE}; a finished request calls it again.
         */
        private synchronized void drain() {
            Task next;
            while ((next = waiting.peek()) != null && (next.walk() || wholeInFlight < wholeAtOnce())
                    && slots.tryAcquire()) {
                waiting.poll();
                if (!next.walk()) {
                    wholeInFlight++;
                }
                request(next);
            }
        }

        private int wholeAtOnce() {
            long keysPerPage = wholePages == 0 ? Long.MAX_VALUE : Math.max(1, wholeKeys / wholePages);
            return (int) Math.max(WHOLE_AT_ONCE, Math.min(maxConcurrency, KEYS_AT_ONCE / keysPerPage));
        }

        /** A request ended (answered, failed, or not sent): its slot and, for a whole listing, its share. */
        private void ended(Task task, ListObjectsV2Response page) {
            slots.release();
            if (!task.walk()) {
                synchronized (this) {
                    wholeInFlight--;
                    if (page != null) {
                        wholePages++;
                        wholeKeys += page.contents().size();
                    }
                }
            }
        }

        private void request(Task task) {
            // Failed or cancelled: no more requests.
            if (done.isDone()) {
                ended(task, null);
                finishOne();
                return;
            }
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(location.bucket()).prefix(task.prefix());
            if (task.walk()) {
                request.delimiter(DELIMITER);
            }
            if (task.token() != null) {
                request.continuationToken(task.token());
            }
            s3.listObjectsV2(request.build()).whenComplete((page, error) -> {
                ended(task, page);
                if (error != null) {
                    done.completeExceptionally(error);
                } else if (!done.isDone()) {
                    try {
                        accept(task, page);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                }
                finishOne();
                drain();
            });
        }

        private void accept(Task task, ListObjectsV2Response page) {
            // The next pages first, so they are in flight while this one is handed over.
            if (Boolean.TRUE.equals(page.isTruncated())) {
                submit(new Task(task.prefix(), page.nextContinuationToken(), task.walk()));
            }
            boolean walk = page.commonPrefixes().size() < SPREAD;
            for (CommonPrefix sub : page.commonPrefixes()) {
                submit(new Task(sub.prefix(), null, walk));
            }
            List<SourceObject> found = new ArrayList<>(page.contents().size());
            for (S3Object o : page.contents()) {
                if (o.key().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    found.add(new SourceObject(o.key(), o.size() == null ? 0 : o.size(), o.eTag()));
                } else if (!o.key().endsWith("/")) {
                    others.add(o.key());
                }
            }
            if (!found.isEmpty()) {
                pages.accept(found);
            }
        }

        /** One page to request: of {@code prefix} after {@code token}; {@code walk}: by the delimiter. */
        private record Task(String prefix, String token, boolean walk) {
        }

        private void finishOne() {
            if (pending.decrementAndGet() == 0) {
                List<String> skipped = new ArrayList<>(others);
                skipped.sort(Comparator.naturalOrder());
                done.complete(skipped);
            }
        }
    }
}
