package com.sparkify.warehouse.generator;

import java.util.SplittableRandom;

/**
 * Draws popularity ranks 1..n with probability roughly proportional to {@code rank^-exponent}.
 *
 * <p>Uses the inverse of the continuous power-law distribution on {@code [1, n+1)}, so a draw
 * costs one {@code pow} call and no table: the pool of songs played outside the catalog is
 * virtual and may have millions of ranks. StrictMath keeps draws identical on every JVM.
 */
final class Zipf {

    private final int n;
    private final double oneMinusS;
    private final double span;

    Zipf(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        if (exponent <= 0 || exponent == 1.0) {
            throw new IllegalArgumentException("exponent must be positive and not 1");
        }
        this.n = n;
        this.oneMinusS = 1.0 - exponent;
        this.span = StrictMath.pow(n + 1.0, oneMinusS) - 1.0;
    }

    /** Returns a rank in {@code [1, n]}; rank 1 is the most popular. */
    int sample(SplittableRandom rng) {
        double x = StrictMath.pow(1.0 + rng.nextDouble() * span, 1.0 / oneMinusS);
        int rank = (int) x;
        return Math.min(Math.max(rank, 1), n);
    }
}
