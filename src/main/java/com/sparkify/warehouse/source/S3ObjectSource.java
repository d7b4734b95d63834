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
import java.util.concurrent.atomic.AtomicReference;

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
 * named it, many at once: a layout such as song_data's (three levels of one-letter folders) is listed in
 * a few round trips instead of one page of a thousand keys after the other.
 */
public final class S3ObjectSource implements ObjectSource {

    private static final String DELIMITER = "/";

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
        return new Walk().run();
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
        private final ConcurrentLinkedQueue<SourceObject> found = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> others = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Semaphore slots = new Semaphore(maxConcurrency);
        private final ConcurrentLinkedQueue<String[]> waiting = new ConcurrentLinkedQueue<>();

        Listing run() throws IOException {
            submit(location.prefix(), null);
            await(done);
            List<SourceObject> objects = new ArrayList<>(found);
            objects.sort(Comparator.comparing(SourceObject::key));
            List<String> skipped = new ArrayList<>(others);
            skipped.sort(Comparator.naturalOrder());
            return new Listing(objects, skipped);
        }

        private void submit(String prefix, String token) {
            pending.incrementAndGet();
            waiting.add(new String[] {prefix, token});
            drain();
        }

        /** Starts waiting prefixes while slots are free; a finished request calls it again. */
        private void drain() {
            while (!waiting.isEmpty() && slots.tryAcquire()) {
                String[] next = waiting.poll();
                if (next == null) {
                    slots.release();
                } else {
                    request(next[0], next[1]);
                }
            }
        }

        private void request(String prefix, String token) {
            if (failure.get() != null) {
                slots.release();
                finishOne();
                return;
            }
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(location.bucket()).prefix(prefix).delimiter(DELIMITER);
            if (token != null) {
                request.continuationToken(token);
            }
            s3.listObjectsV2(request.build()).whenComplete((page, error) -> {
                slots.release();
                if (error != null) {
                    if (failure.compareAndSet(null, error)) {
                        done.completeExceptionally(error);
                    }
                } else {
                    accept(prefix, page);
                }
                finishOne();
                drain();
            });
        }

        private void accept(String prefix, ListObjectsV2Response page) {
            for (S3Object o : page.contents()) {
                if (o.key().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    found.add(new SourceObject(o.key(), o.size() == null ? 0 : o.size(), o.eTag()));
                } else if (!o.key().endsWith("/")) {
                    others.add(o.key());
                }
            }
            if (Boolean.TRUE.equals(page.isTruncated())) {
                submit(prefix, page.nextContinuationToken());
            }
            for (CommonPrefix sub : page.commonPrefixes()) {
                submit(sub.prefix(), null);
            }
        }

        private void finishOne() {
            if (pending.decrementAndGet() == 0) {
                done.complete(null);
            }
        }
    }
}
