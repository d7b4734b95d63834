package com.sparkify.warehouse.support;

import java.time.Duration;
import java.util.Collection;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The one way tests wait for something to happen: Awaitility, polling from the first instant and then
 * every few milliseconds, up to a generous limit. A wait that times out fails the test with
 * {@code what} in the message.
 */
public final class Waits {

    /** Long enough for a loaded machine; a healthy run ends far sooner. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(20);

    private Waits() {
    }

    /** A wait for {@code what}, at most {@link #DEFAULT_LIMIT}. */
    public static ConditionFactory waitFor(String what) {
        return waitFor(what, DEFAULT_LIMIT);
    }

    /** A wait for {@code what}, at most {@code limit}. */
    public static ConditionFactory waitFor(String what, Duration limit) {
        return Awaitility.await(what).atMost(limit).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    /** Waits until {@code thread} is parked, e.g. waiting for a lock or a latch. */
    public static void untilParked(String what, Thread thread) {
        waitFor(what).until(() -> isParked(thread));
    }

    /** Waits until every one of {@code threads} is parked. */
    public static void untilAllParked(String what, Collection<Thread> threads) {
        waitFor(what).until(() -> threads.stream().allMatch(Waits::isParked));
    }

    private static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
