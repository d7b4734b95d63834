package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Waits;

/**
 * A listing's objects as they arrive: a reader waits for an object the listing has not reached yet,
 * gets null once the listing ended without it, and gets the failure once the listing or the load failed.
 */
class ObjectFeedTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reader.shutdownNow();
    }

    private static SourceObject object(String key) {
        return new SourceObject(key, 10);
    }

    /** Starts a read of {@code index} on the reader thread and waits until it waits for the listing. */
    private Future<SourceObject> awaitOnReader(ObjectFeed feed, int index) throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<SourceObject> read = reader.submit(() -> {
            thread.set(Thread.currentThread());
            return feed.await(index);
        });
        Waits.waitFor("the reader to start").until(() -> thread.get() != null);
        Waits.untilParked("the reader waiting for the listing", thread.get());
        return read;
    }

    @Test
    void shouldHandAReaderTheObjectOnceItsPageArrives() throws Exception {
        ObjectFeed feed = new ObjectFeed();
        feed.add(List.of(object("a")));
        Future<SourceObject> second = awaitOnReader(feed, 1);

        assertThat(second).isNotDone();
        feed.add(List.of(object("b"), object("c")));

        assertThat(second.get(1, TimeUnit.MINUTES)).isEqualTo(object("b"));
        assertThat(feed.await(0)).isEqualTo(object("a"));
        assertThat(feed.size()).isEqualTo(3);
    }

    @Test
    void shouldHandNullBeyondTheEndOnceTheListingEnded() throws Exception {
        ObjectFeed feed = new ObjectFeed();
        feed.add(List.of(object("a")));
        Future<SourceObject> beyond = awaitOnReader(feed, 1);

        feed.end();

        assertThat(beyond.get(1, TimeUnit.MINUTES)).isNull();
        assertThat(feed.await(0)).isEqualTo(object("a"));
        // A page arriving after the end is not taken: the objects listed are final.
        feed.add(List.of(object("late")));
        assertThat(feed.objects()).containsExactly(object("a"));
    }

    @Test
    void shouldThrowTheFailureToEveryReaderOnceFailed() throws Exception {
        ObjectFeed feed = new ObjectFeed();
        feed.add(List.of(object("a")));
        Future<SourceObject> waiting = awaitOnReader(feed, 1);
        IllegalStateException cause = new IllegalStateException("cannot list");

        assertThat(feed.fail(cause)).isTrue();

        assertThatThrownBy(() -> waiting.get(1, TimeUnit.MINUTES)).hasCause(cause);
        // Objects listed before the failure are not handed out either: the load stops.
        assertThatThrownBy(() -> feed.await(0)).isSameAs(cause);
        assertThat(feed.fail(new IllegalStateException("second"))).isFalse();
        assertThat(feed.failure()).isSameAs(cause);
    }

    @Test
    void shouldTellWatchersOfEveryPageAndOfTheEnd() {
        ObjectFeed feed = new ObjectFeed();
        AtomicInteger calls = new AtomicInteger();
        feed.watch(calls::incrementAndGet);

        feed.add(List.of(object("a")));
        feed.add(List.of(object("b")));
        feed.end();
        feed.end();

        assertThat(calls).hasValue(3);
        assertThat(ObjectFeed.of(List.of(object("x"))).ended()).isTrue();
        assertThat(feed.objects()).containsExactly(object("a"), object("b"));
    }
}
