package com.sparkify.warehouse.analytics;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a caller narrowed an analytics query to. {@code from} and {@code to} are UTC days, both
 * inclusive, on {@code songplays.start_time}; {@code level} is the level at the time of the play;
 * a null bound means no bound. Queries that do not use a value ignore it.
 */
public record AnalyticsFilter(LocalDate from, LocalDate to, String level, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    public static final Set<String> LEVELS = Set.of("free", "paid");

    /** Every play, top {@link #DEFAULT_LIMIT}. */
    public static final AnalyticsFilter ALL = new AnalyticsFilter(null, null, null, DEFAULT_LIMIT);

    public AnalyticsFilter {
        // The API validates and names the parameter first; these guard the service's other callers.
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ": " + limit);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (level != null && !LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be free or paid: " + level);
        }
    }
}
