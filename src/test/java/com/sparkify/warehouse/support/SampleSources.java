package com.sparkify.warehouse.support;

import java.nio.file.Path;
import java.util.List;

/**
 * The hand-made source tree most ETL tests load, with its expected result worked out by hand.
 *
 * <pre>
 * Songs (4 files): SOAAA1 "Alpha" Ann Artist 200.5; SOAAA0 "Alpha" Ann Artist 200.5 (same title, artist
 * and duration: the smaller id, SOAAA0, wins every match); SOBBB2 "Beta" Bob Band 180.25;
 * SOCCC3 "Gamma" Cleo 150.0 (never played). Artists: ARA (Ann Artist), ARB (Bob Band), ARC (Cleo).
 *
 * Events (8 lines over two days), T0 = 2018-11-01T00:00Z, T1 = 2018-11-02T00:00Z:
 *  1 user 10 free NextSong Alpha/Ann Artist/200.5    session 1 item 0  T0          -> SOAAA0
 *  2 user 10 free Submit Upgrade                     session 1 item 1  T0+1min     (not a play)
 *  3 user 10 paid NextSong Beta/Bob Band/180.25      session 1 item 2  T0+2min     -> SOBBB2
 *  4 logged out (userId "") Home                     session 5 item 0  T0+3min     (not a play)
 *  5 user 20 free NextSong Alpha/Ann Artist/199.0    session 2 item 0  T0+1h       -> no match (duration)
 *  6 user 20 free NextSong Nowhere/Unknown/100.0     session 3 item 0  T1          -> no match
 *  7 user 10 paid NextSong Alpha/Ann Artist/200.5    session 4 item 0  T1+1min     -> SOAAA0
 *  8 user 20 free NextSong Beta/Bob Band/180.25      session 3 item 1  T1+1min     -> SOBBB2 (same ts as 7)
 *
 * Expected: staging_events 8, staging_songs 4, songplays 6 (4 matched: SOAAA0 x2, SOBBB2 x2),
 * users 2 (10 paid after upgrading, 20 free), songs 4, artists 3,
 * time 5 (T0, T0+2min, T0+1h, T1, T1+1min: plays 7 and 8 share a start time).
 * </pre>
 */
public final class SampleSources {

    public static final long T0 = 1541030400000L;
    public static final long T1 = 1541116800000L;
    public static final long MINUTE = 60_000L;

    private SampleSources() {
    }

    /** Writes the tree under {@code root} and returns the ETL request body that loads it. */
    public static String write(Path root) {
        Fixtures f = new Fixtures(root)
                .song("TRAAA0001", "SOAAA1", "Alpha", "ARA", "Ann Artist", 200.5, 2001)
                .song("TRAAB0003", "SOAAA0", "Alpha", "ARA", "Ann Artist", 200.5, 2001)
                .song("TRAAB0002", "SOBBB2", "Beta", "ARB", "Bob Band", 180.25, 0)
                .song("TRABC0004", "SOCCC3", "Gamma", "ARC", "Cleo", 150.0, 1999)
                .events("2018-11-01", List.of(
                        Fixtures.event("10", "Alice", "free", "NextSong", "Ann Artist", "Alpha", 200.5, 1, 0, T0),
                        Fixtures.event("10", "Alice", "free", "Submit Upgrade", null, null, null, 1, 1, T0 + MINUTE),
                        Fixtures.event("10", "Alice", "paid", "NextSong", "Bob Band", "Beta", 180.25, 1, 2,
                                T0 + 2 * MINUTE),
                        LOGGED_OUT_HOME,
                        Fixtures.event("20", "Bea", "free", "NextSong", "Ann Artist", "Alpha", 199.0, 2, 0,
                                T0 + 60 * MINUTE)))
                .events("2018-11-02", List.of(
                        Fixtures.event("20", "Bea", "free", "NextSong", "Unknown", "Nowhere", 100.0, 3, 0, T1),
                        Fixtures.event("10", "Alice", "paid", "NextSong", "Ann Artist", "Alpha", 200.5, 4, 0,
                                T1 + MINUTE),
                        Fixtures.event("20", "Bea", "free", "NextSong", "Bob Band", "Beta", 180.25, 3, 1,
                                T1 + MINUTE)));
        return body(f.root());
    }

    /** The request body pointing a run at a tree written by {@link Fixtures}. */
    public static String body(Path root) {
        Path abs = root.toAbsolutePath();
        return "{\"songData\":\"" + abs.resolve("song_data") + "\",\"logData\":\"" + abs.resolve("log_data")
                + "\",\"logJsonPaths\":\"" + abs.resolve("log_json_path.json") + "\"}";
    }

    static final String LOGGED_OUT_HOME = "{\"artist\":null,\"auth\":\"Logged Out\",\"firstName\":null,"
            + "\"gender\":null,\"itemInSession\":0,\"lastName\":null,\"length\":null,\"level\":\"free\","
            + "\"location\":null,\"method\":\"GET\",\"page\":\"Home\",\"registration\":null,\"sessionId\":5,"
            + "\"song\":null,\"status\":200,\"ts\":" + (T0 + 3 * MINUTE) + ",\"userAgent\":null,\"userId\":\"\"}";
}
