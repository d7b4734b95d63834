package com.sparkify.warehouse.generator;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Parameters of one generated data set; equal options and seed give byte-identical output.
 *
 * @param seed           seed of every random choice
 * @param songs          number of song files in the catalog
 * @param artists        number of distinct artists in the catalog, at most {@code songs}
 * @param users          number of Sparkify users who may appear in the event log
 * @param days           length of the event period in days (one log file per day with events)
 * @param startDate      first day of the period (UTC)
 * @param events         total number of events to write
 * @param unmatchedShare share of NextSong plays that name a song which is not in the catalog
 */
public record GeneratorOptions(
        long seed,
        int songs,
        int artists,
        int users,
        int days,
        LocalDate startDate,
        long events,
        double unmatchedShare) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_SONGS = 300;
    public static final int DEFAULT_USERS = 100;
    public static final int DEFAULT_DAYS = 30;
    /** The default first day as text, for the command line's help. */
    public static final String DEFAULT_START_DAY = "2018-11-01";
    public static final LocalDate DEFAULT_START_DATE = LocalDate.parse(DEFAULT_START_DAY);
    public static final long DEFAULT_EVENTS = 8000L;
    /**
     * The real logs match far fewer plays (about 5% against the full 14,896-song catalog); 60%
     * unmatched keeps small samples close to that "most plays are unknown" shape while still
     * giving the song and artist dimensions enough joins to be interesting.
     */
    public static final double DEFAULT_UNMATCHED_SHARE = 0.6;

    public GeneratorOptions {
        Objects.requireNonNull(startDate, "startDate");
        requireAtLeast("songs", songs, 1);
        requireAtLeast("artists", artists, 1);
        requireAtLeast("users", users, 1);
        requireAtLeast("days", days, 1);
        requireAtLeast("events", events, 0);
        if (artists > songs) {
            throw new IllegalArgumentException(
                    "artists must not exceed songs (got " + artists + " artists for " + songs + " songs)");
        }
        if (!(unmatchedShare >= 0.0 && unmatchedShare <= 1.0)) {
            throw new IllegalArgumentException("unmatchedShare must be between 0 and 1 (got " + unmatchedShare + ")");
        }
    }

    /** The default sample: 300 songs, 100 users and 8000 events over November 2018, seed 42. */
    public static GeneratorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The artist count used when none is given: two artists per three songs, as in the real bucket. */
    public static int defaultArtists(int songs) {
        return Math.max(1, (int) ((long) songs * 2 / 3));
    }

    /**
     * A builder preset with these options. An artist count equal to the derived default stays
     * derived, so that changing only the song count also scales the artists.
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        if (artists != defaultArtists(songs)) {
            builder.artists(artists);
        }
        return builder
                .seed(seed)
                .songs(songs)
                .users(users)
                .days(days)
                .startDate(startDate)
                .events(events)
                .unmatchedShare(unmatchedShare);
    }

    private static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + " (got " + value + ")");
        }
    }

    /** Builds {@link GeneratorOptions}; unset values take the defaults, artists follow songs. */
    public static final class Builder {

        private long seed = DEFAULT_SEED;
        private int songs = DEFAULT_SONGS;
        private Integer artists;
        private int users = DEFAULT_USERS;
        private int days = DEFAULT_DAYS;
        private LocalDate startDate = DEFAULT_START_DATE;
        private long events = DEFAULT_EVENTS;
        private double unmatchedShare = DEFAULT_UNMATCHED_SHARE;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder songs(int songs) {
            this.songs = songs;
            return this;
        }

        /** Sets the artist count; when never called it is derived from the song count. */
        public Builder artists(int artists) {
            this.artists = artists;
            return this;
        }

        public Builder users(int users) {
            this.users = users;
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        public Builder startDate(LocalDate startDate) {
            this.startDate = startDate;
            return this;
        }

        public Builder events(long events) {
            this.events = events;
            return this;
        }

        public Builder unmatchedShare(double unmatchedShare) {
            this.unmatchedShare = unmatchedShare;
            return this;
        }

        public GeneratorOptions build() {
            int resolvedArtists = artists != null ? artists : defaultArtists(songs);
            return new GeneratorOptions(seed, songs, resolvedArtists, users, days, startDate, events, unmatchedShare);
        }
    }
}
