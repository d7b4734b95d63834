package com.sparkify.warehouse.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Plans when sessions start and how many events each has, one day at a time.
 *
 * <p>The event total is first split over the days (weekdays busier than weekends, plus day-to-day
 * noise), then each day's share is cut into sessions whose lengths sum to it exactly. Only the
 * current day's plan is held in memory, and sessions are handed out in start-time order.
 */
final class SessionPlan {

    static final long DAY_MILLIS = 86_400_000L;

    /** Relative traffic Monday..Sunday, after the real log (weekends about half as busy). */
    private static final double[] WEEKDAY_FACTORS = {1.0, 1.0, 1.2, 1.0, 1.15, 0.6, 0.45};
    /**
     * Relative session starts per UTC hour: the real log's events per hour (quiet at 3:00, peak at
     * 16:00) moved an hour earlier, because a session's events trail its start.
     */
    private static final double[] HOUR_WEIGHTS = {
        20, 16, 13, 16, 21, 23, 22, 25, 31, 36, 39, 37, 42, 50, 58, 63, 57, 58, 43, 40, 33, 25, 22, 18};
    private static final double DAY_NOISE_SIGMA = 0.3;
    /**
     * Time allowed per event for sessions of the last day: a little more than the average gap
     * (mostly song lengths of about four minutes), so that sessions end before the period does.
     */
    private static final long LAST_DAY_MILLIS_PER_EVENT = 300_000L;

    private final SplittableRandom rng;
    private final long periodStartMillis;
    private final int millisOffset;
    private final long[] dayQuotas;
    private final double[] cumulativeHours = Randomness.cumulative(HOUR_WEIGHTS);

    private int day = -1;
    private long[] starts = new long[0];
    private int[] lengths = new int[0];
    private int count;
    private int next;

    SessionPlan(GeneratorOptions options, long periodStartMillis, int millisOffset) {
        this.rng = Randomness.stream(options.seed(), Randomness.SESSION_PLAN);
        this.periodStartMillis = periodStartMillis;
        this.millisOffset = millisOffset;
        this.dayQuotas = dayQuotas(options.events(), options.startDate(), options.days(), rng);
        advanceToNonEmptyDay();
    }

    boolean hasNext() {
        return next < count;
    }

    /** Start of the next planned session, epoch millis. */
    long peekStart() {
        return starts[next];
    }

    /** Consumes the next planned session and returns its number of events. */
    int takeLength() {
        int length = lengths[next++];
        if (next == count) {
            advanceToNonEmptyDay();
        }
        return length;
    }

    /**
     * Session length in events, shaped after the real log: a third of the sessions have one event,
     * most have a few, and a long tail reaches a couple of hundred (mean about 8.5).
     */
    static int sessionLength(SplittableRandom rng) {
        double u = rng.nextDouble();
        if (u < 0.34) {
            return 1;
        }
        if (u < 0.64) {
            return 2 + rng.nextInt(2);
        }
        long length = Math.round(Randomness.logNormal(rng, 13.0, 1.0));
        return (int) Math.min(Math.max(length, 5), 250);
    }

    /** Splits {@code events} over the days by weight; largest remainders make the sum exact. */
    static long[] dayQuotas(long events, LocalDate startDate, int days, SplittableRandom rng) {
        double[] weights = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            DayOfWeek dayOfWeek = startDate.plusDays(d).getDayOfWeek();
            weights[d] = WEEKDAY_FACTORS[dayOfWeek.ordinal()] * Randomness.logNormal(rng, 1.0, DAY_NOISE_SIGMA);
            total += weights[d];
        }
        long[] quotas = new long[days];
        double[] remainders = new double[days];
        long assigned = 0;
        for (int d = 0; d < days; d++) {
            double exact = events * weights[d] / total;
            quotas[d] = (long) Math.floor(exact);
            remainders[d] = exact - quotas[d];
            assigned += quotas[d];
        }
        Integer[] order = new Integer[days];
        for (int d = 0; d < days; d++) {
            order[d] = d;
        }
        Arrays.sort(order, (a, b) -> remainders[a] != remainders[b]
                ? Double.compare(remainders[b], remainders[a])
                : Integer.compare(a, b));
        for (int k = 0; assigned < events; k = (k + 1) % days) {
            quotas[order[k]]++;
            assigned++;
        }
        return quotas;
    }

    private void advanceToNonEmptyDay() {
        count = 0;
        next = 0;
        while (count == 0 && day + 1 < dayQuotas.length) {
            day++;
            planDay(dayQuotas[day]);
        }
    }

    private void planDay(long quota) {
        long dayStart = periodStartMillis + day * DAY_MILLIS;
        long dayEnd = dayStart + DAY_MILLIS;
        boolean lastDay = day == dayQuotas.length - 1;
        long[] unsortedStarts = new long[16];
        count = 0;
        long remaining = quota;
        while (remaining > 0) {
            int hour = Randomness.pickCumulative(rng, cumulativeHours);
            int second = hour * 3600 + rng.nextInt(3600);
            // Every timestamp is whole seconds plus one fixed millisecond offset, like the real
            // log (all of its ts end in 796).
            long start = dayStart + second * 1000L + millisOffset;
            long length = Math.min(sessionLength(rng), remaining);
            if (lastDay) {
                // A long session late on the last day would not end inside the period: shorten it;
                // the loop plans the rest of the quota as further sessions.
                length = Math.min(length, Math.max(1, (dayEnd - start) / LAST_DAY_MILLIS_PER_EVENT));
            }
            if (count == lengths.length) {
                lengths = Arrays.copyOf(lengths, Math.max(16, count * 2));
            }
            if (count == unsortedStarts.length) {
                unsortedStarts = Arrays.copyOf(unsortedStarts, count * 2);
            }
            unsortedStarts[count] = start;
            lengths[count++] = (int) length;
            remaining -= length;
        }
        sortByStart(unsortedStarts, dayStart);
    }

    /** Orders the day's sessions by start time, keeping each start with its length. */
    private void sortByStart(long[] unsortedStarts, long dayStart) {
        // Pack (millis into the day, index) into one long: sorting the keys sorts by start, ties
        // by planning order, without boxing.
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = (unsortedStarts[i] - dayStart) << 32 | i;
        }
        Arrays.sort(keys);
        int[] sortedLengths = new int[lengths.length];
        starts = new long[lengths.length];
        for (int i = 0; i < count; i++) {
            int index = (int) keys[i];
            starts[i] = unsortedStarts[index];
            sortedLengths[i] = lengths[index];
        }
        lengths = sortedLengths;
    }
}
