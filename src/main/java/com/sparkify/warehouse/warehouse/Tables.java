package com.sparkify.warehouse.warehouse;

import java.util.List;

/**
 * The warehouse's tables: two staging tables and the star schema, in the order reset creates them.
 */
public final class Tables {

    public static final String STAGING_EVENTS = "staging_events";
    public static final String STAGING_SONGS = "staging_songs";
    public static final String SONGPLAYS = "songplays";
    public static final String USERS = "users";
    public static final String SONGS = "songs";
    public static final String ARTISTS = "artists";
    public static final String TIME = "time";

    public static final List<String> STAGING = List.of(STAGING_EVENTS, STAGING_SONGS);

    /** Star schema in load order: time is derived from songplays. */
    public static final List<String> STAR = List.of(SONGPLAYS, USERS, SONGS, ARTISTS, TIME);

    public static final List<String> ALL = List.of(STAGING_EVENTS, STAGING_SONGS, SONGPLAYS, USERS, SONGS, ARTISTS,
            TIME);

    private Tables() {
    }
}
