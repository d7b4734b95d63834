package com.sparkify.warehouse.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;

import io.restassured.path.json.JsonPath;

/**
 * A warehouse small enough to count by hand, loaded through the real reset and ETL run. Every
 * expected array in the analytics tests is worked out from the tables below, never by running the
 * queries.
 *
 * <pre>
 * Catalog (song_id, title, artist_id, artist, duration):
 *   SOAAA01 Bolero              ARAAA01 Nina   180.0
 *   SOAAA02 Angel               ARAAA02 Miles  200.0
 *   SOAAA03 Angel               ARAAA01 Nina   210.0
 *   SOAAA04 Cello Suite, No. 1  ARAAA03 Adele  150.0
 *   SOAAA05 Drift               ARAAA02 Miles  240.0   (never played)
 *
 * Users (name, location; level of their latest play):
 *   10 Ann Archer  Boston, MA   free, then paid from play 5 on  -> users.level paid
 *   20 Bob Baker   Austin, TX   free
 *   30 Cat Cole    Boston, MA   paid
 *   40 Dan Drew    Chicago, IL  free
 *
 * NextSong events, UTC (2018-11-01 is a Thursday, ISO 4):
 *   #  start_time           user level song                          user agent family
 *   1  11-01 Thu 09:00:00   10   free  Bolero / Nina                 Chrome / Mac OS X
 *   2  11-01 Thu 09:05:00   10   free  Angel / Miles                 Chrome / Mac OS X
 *   3  11-01 Thu 16:00:00   20   free  Bolero / Nina                 Firefox / Windows
 *   4  11-01 Thu 16:30:00   20   free  Ghost Song / Nobody (no match) Firefox / Windows
 *   5  11-02 Fri 00:00:00   10   paid  Angel / Nina                  Chrome / Mac OS X
 *   6  11-02 Fri 16:10:00   30   paid  Cello Suite, No. 1 / Adele    Safari / iOS
 *   7  11-02 Fri 16:20:00   30   paid  Angel / Miles                 Chrome / Mac OS X
 *   8  11-02 Fri 23:59:59   40   free  Cello Suite, No. 1 / Adele    Internet Explorer / Windows
 *   9  11-03 Sat 00:00:00   10   paid  Bolero / Nina                 Chrome / Mac OS X
 *  10  11-04 Sun 16:45:00   40   free  Angel / Nina                  Chrome / Android
 *  11  11-04 Sun 20:00:00   20   free  Ghost Song / Nobody (no match) Chrome / Linux (Ubuntu Chromium)
 * plus one Home page event of user 20 at 11-01 15:59:00, which is no songplay.
 *
 * Plays 5 and 8 sit on the first and last second of 2018-11-02 and play 9 on the first second after
 * it, so the window from=to=2018-11-02 holds exactly plays 5, 6, 7 and 8. No play falls in hours
 * 1-8, 10-15, 17-19, 21-22 or on ISO weekdays 1-3.
 * </pre>
 */
final class AnalyticsFixture {

    static final String CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36";
    static final String FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) "
            + "AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53";
    static final String IE_WINDOWS = "Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko";
    static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 4.4.2; Nexus 5 Build/KOT49H) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.135 Mobile Safari/537.36";
    // Quoted as in the Udacity logs, where some user agents carry their own double quotes.
    static final String CHROMIUM_LINUX = "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36\"";

    private AnalyticsFixture() {
    }

    /** Writes the source files, resets the schema and loads them; returns the finished ETL run. */
    static JsonPath load() {
        Fixtures f = write();
        Jobs.awaitIdle();
        Jobs.resetSchema();
        JsonPath run = Jobs.runEtl(etlRequest(f.root()));
        if (!"SUCCEEDED".equals(run.getString("status"))) {
            throw new AssertionError("fixture ETL run did not succeed: " + run.prettify());
        }
        return run;
    }

    static String etlRequest(Path root) {
        String base = root.toAbsolutePath().toString();
        return "{\"songData\":\"" + base + "/song_data\",\"logData\":\"" + base + "/log_data\","
                + "\"logJsonPaths\":\"" + base + "/log_json_path.json\"}";
    }

    static Fixtures write() {
        Fixtures f = new Fixtures(Path.of("target/test-data/fixtures/analytics").toAbsolutePath());
        f.song("TRAAAAA01", "SOAAA01", "Bolero", "ARAAA01", "Nina", 180.0, 2001)
                .song("TRAAAAB02", "SOAAA02", "Angel", "ARAAA02", "Miles", 200.0, 1959)
                .song("TRAAAAC03", "SOAAA03", "Angel", "ARAAA01", "Nina", 210.0, 2003)
                .song("TRAAAAD04", "SOAAA04", "Cello Suite, No. 1", "ARAAA03", "Adele", 150.0, 2011)
                .song("TRAAAAE05", "SOAAA05", "Drift", "ARAAA02", "Miles", 240.0, 1960);
        f.events("2018-11-01", List.of(
                play(1, ann("free"), "Bolero", "Nina", 180.0, 1, 0, "2018-11-01T09:00:00Z", CHROME_MAC),
                play(2, ann("free"), "Angel", "Miles", 200.0, 1, 1, "2018-11-01T09:05:00Z", CHROME_MAC),
                event(bob(), "Home", null, null, null, 2, 0, "2018-11-01T15:59:00Z", FIREFOX_WINDOWS),
                play(3, bob(), "Bolero", "Nina", 180.0, 2, 1, "2018-11-01T16:00:00Z", FIREFOX_WINDOWS),
                play(4, bob(), "Ghost Song", "Nobody", 123.0, 2, 2, "2018-11-01T16:30:00Z", FIREFOX_WINDOWS)));
        f.events("2018-11-02", List.of(
                play(5, ann("paid"), "Angel", "Nina", 210.0, 3, 0, "2018-11-02T00:00:00Z", CHROME_MAC),
                play(6, cat(), "Cello Suite, No. 1", "Adele", 150.0, 4, 0, "2018-11-02T16:10:00Z", SAFARI_IPHONE),
                play(7, cat(), "Angel", "Miles", 200.0, 4, 1, "2018-11-02T16:20:00Z", CHROME_MAC),
                play(8, dan(), "Cello Suite, No. 1", "Adele", 150.0, 5, 0, "2018-11-02T23:59:59Z", IE_WINDOWS)));
        f.events("2018-11-03", List.of(
                play(9, ann("paid"), "Bolero", "Nina", 180.0, 6, 0, "2018-11-03T00:00:00Z", CHROME_MAC)));
        f.events("2018-11-04", List.of(
                play(10, dan(), "Angel", "Nina", 210.0, 7, 0, "2018-11-04T16:45:00Z", CHROME_ANDROID),
                play(11, bob(), "Ghost Song", "Nobody", 123.0, 8, 0, "2018-11-04T20:00:00Z", CHROMIUM_LINUX)));
        return f;
    }

    /** Who played, as eventsim writes them. */
    private record User(String id, String first, String last, String level, String location) {
    }

    private static User ann(String level) {
        return new User("10", "Ann", "Archer", level, "Boston, MA");
    }

    private static User bob() {
        return new User("20", "Bob", "Baker", "free", "Austin, TX");
    }

    private static User cat() {
        return new User("30", "Cat", "Cole", "paid", "Boston, MA");
    }

    private static User dan() {
        return new User("40", "Dan", "Drew", "free", "Chicago, IL");
    }

    /** A NextSong event; {@code number} is the row of the table above, for the reader. */
    private static String play(int number, User user, String song, String artist, double length, int session,
            int item, String utc, String userAgent) {
        return event(user, "NextSong", song, artist, length, session, item, utc, userAgent);
    }

    private static String event(User user, String page, String song, String artist, Double length, int session,
            int item, String utc, String userAgent) {
        return "{\"artist\":" + json(artist) + ",\"auth\":\"Logged In\",\"firstName\":" + json(user.first())
                + ",\"gender\":\"F\",\"itemInSession\":" + item + ",\"lastName\":" + json(user.last())
                + ",\"length\":" + (length == null ? "null" : length.toString()) + ",\"level\":" + json(user.level())
                + ",\"location\":" + json(user.location()) + ",\"method\":\"PUT\",\"page\":" + json(page)
                + ",\"registration\":1540919166796.0,\"sessionId\":" + session + ",\"song\":" + json(song)
                + ",\"status\":200,\"ts\":" + Instant.parse(utc).toEpochMilli() + ",\"userAgent\":" + json(userAgent)
                + ",\"userId\":" + json(user.id()) + "}";
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
