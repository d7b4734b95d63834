package com.sparkify.warehouse.generator;

import java.util.SplittableRandom;

/**
 * Seeded random streams and the few distributions the generator needs.
 *
 * <p>Each part of the generator (catalog, users, session plan, events) draws from its own stream
 * derived from the seed and a fixed salt, so a change in how one part consumes random numbers
 * does not reshuffle the others.
 */
final class Randomness {

    static final long CATALOG = 1;
    static final long USERS = 2;
    static final long SESSION_PLAN = 3;
    static final long EVENTS = 4;
    static final long OUTSIDE_SONGS = 5;
    static final long OUTSIDE_ARTISTS = 6;
    static final long CLOCK = 7;
    static final long POPULARITY = 8;
    static final long INCREMENTS = 9;

    private Randomness() {
    }

    static SplittableRandom stream(long seed, long salt) {
        return new SplittableRandom(mix64(seed ^ mix64(salt)));
    }

    /** A stream for one indexed item (for example the n-th song outside the catalog). */
    static SplittableRandom stream(long seed, long salt, long index) {
        return new SplittableRandom(mix64(mix64(seed ^ mix64(salt)) + index));
    }

    /** The SplitMix64 finalizer: spreads nearby inputs over the whole 64-bit range. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A log-normal value with the given median and shape (sigma of the underlying normal). */
    static double logNormal(SplittableRandom rng, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(rng));
    }

    /**
     * A standard normal value (Box-Muller). StrictMath rather than Math or nextGaussian() keeps the
     * output byte-identical across JVMs and CPUs, which Math's intrinsics do not promise.
     */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Index drawn with probability proportional to {@code weights[i]}, given their running sums. */
    static int pickCumulative(SplittableRandom rng, double[] cumulative) {
        double target = rng.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    static double[] cumulative(double[] weights) {
        double[] sums = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            sums[i] = total;
        }
        return sums;
    }
}
