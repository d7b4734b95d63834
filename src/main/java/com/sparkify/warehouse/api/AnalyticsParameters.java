package com.sparkify.warehouse.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.sparkify.warehouse.analytics.AnalyticsFilter;

/**
 * Turns the analytics query parameters into a filter, or a 400 naming the parameter. They arrive as
 * strings because a JAX-RS conversion failure would answer 404 without saying which one was wrong.
 * An empty value counts as not given, as in {@link Params}.
 */
final class AnalyticsParameters {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private AnalyticsParameters() {
    }

    /** A filter for a query that takes every parameter. */
    static AnalyticsFilter filter(String limit, String from, String to, String level) {
        LocalDate fromDay = date("from", from);
        LocalDate toDay = date("to", to);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw ProblemException.badParameter("from", "from (" + fromDay + ") is after to (" + toDay + ")");
        }
        return new AnalyticsFilter(fromDay, toDay, level(level), limit(limit));
    }

    /** A filter for a query without {@code limit}. */
    static AnalyticsFilter window(String from, String to, String level) {
        return filter(null, from, to, level);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return AnalyticsFilter.DEFAULT_LIMIT;
        }
        String detail = "limit must be a whole number from 1 to " + AnalyticsFilter.MAX_LIMIT;
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("limit", detail + ", not '" + clip(value) + "'");
        }
        if (limit < 1 || limit > AnalyticsFilter.MAX_LIMIT) {
            throw ProblemException.badParameter("limit", detail + ", not " + limit);
        }
        return limit;
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String detail = name + " must be a date as yyyy-MM-dd (UTC), not '" + clip(value) + "'";
        if (!DATE.matcher(value).matches()) {
            throw ProblemException.badParameter(name, detail);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, detail);
        }
    }

    private static String level(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String level = value.strip().toLowerCase(Locale.ROOT);
        if (!AnalyticsFilter.LEVELS.contains(level)) {
            throw ProblemException.badParameter("level", "level must be free or paid, not '" + clip(value) + "'");
        }
        return level;
    }

    /** Echoes at most 40 characters of what the caller sent. */
    private static String clip(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
