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

    /** Which object each run loaded (the ledger). */
    public static final String LOAD_LEDGER = "load_ledger";
    /** Every NextSong event loaded so far, by run. */
    public static final String LOADED_EVENTS = "loaded_events";
    /** Every song record loaded so far, by run. */
    public static final String LOADED_SONGS = "loaded_songs";
    /** The song, artist and length NextSong events name, once per run, numbered. */
    public static final String LOADED_TRACKS = "loaded_tracks";
    /** Each user's latest NextSong event of each run. */
    public static final String LOADED_USERS = "loaded_users";
    /** An incremental run's work table: the earlier runs whose objects it loads again. */
    public static final String MERGE_REPLACED = "merge_replaced";

    /**
     * The ledger and what incremental runs merge from: reset and full runs rebuild them; they are not
     * among the tables {@code GET /schema} and the counts show.
     */
    public static final List<String> LEDGER = List.of(LOAD_LEDGER, LOADED_TRACKS, LOADED_EVENTS, LOADED_SONGS,
            LOADED_USERS, MERGE_REPLACED);

    private Tables() {
    }
}
