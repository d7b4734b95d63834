import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The engine's own limit: the same staging and transform done by DuckDB alone, with read_json over the
 * same files and the service's own transform SQL. Run with the DuckDB JDBC jar on the class path:
 *
 *   java [-Dtables=created] -cp target/quarkus-app/quarkus-run.jar bench/Baseline.java DATA_DIR DB_FILE
 *
 * With -Dtables=created (the engine's limit as DuckDB advises a bulk load) every table is created by its
 * query: the staging tables from read_json, the star tables from the transform's SELECTs, no DDL and
 * no keys. Without it (the baseline of sessions 1-8) the tables come from the service's DDL files and
 * are filled with INSERT ... SELECT, as the service fills them.
 *
 * Prints "baseline staging_ms=... transform_ms=... cpu_ms=... events=... songs=... songplays=..." ("limit"
 * for -Dtables=created), cpu_ms being the CPU time of the timed work (user and system, all threads).
 */
public class Baseline {

    private static final String EVENT_COLUMNS = "{artist: 'VARCHAR', auth: 'VARCHAR', firstName: 'VARCHAR', "
            + "gender: 'VARCHAR', itemInSession: 'INTEGER', lastName: 'VARCHAR', length: 'DOUBLE', level: 'VARCHAR', "
            + "location: 'VARCHAR', method: 'VARCHAR', page: 'VARCHAR', registration: 'DOUBLE', sessionId: 'INTEGER', "
            + "song: 'VARCHAR', status: 'INTEGER', ts: 'BIGINT', userAgent: 'VARCHAR', userId: 'VARCHAR'}";

    private static final String SONG_COLUMNS = "{num_songs: 'INTEGER', artist_id: 'VARCHAR', "
            + "artist_latitude: 'DOUBLE', artist_longitude: 'DOUBLE', artist_location: 'VARCHAR', "
            + "artist_name: 'VARCHAR', song_id: 'VARCHAR', title: 'VARCHAR', duration: 'DOUBLE', year: 'INTEGER'}";

    private static final List<String> STAR = List.of("songplays", "users", "songs", "artists", "time");

    /** A transform file's head: the target table and its column list, before the SELECT. */
    private static final java.util.regex.Pattern INSERT = java.util.regex.Pattern.compile(
            "INSERT INTO (\\w+) \\(([^)]*)\\)\\s*(.*)", java.util.regex.Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path db = Path.of(args[1]).toAbsolutePath();
        Path sql = Path.of("src/main/resources/sql");
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            // DuckDB's advice for bulk loads; without it read_json over 100,000 files exhausts 19 GB here.
            s.execute("SET preserve_insertion_order = false");
            // DuckDB's own default memory limit (80% of RAM) unless told otherwise: this is its best case.
            if (System.getProperty("checkpointThreshold") != null) {
                s.execute("SET checkpoint_threshold = '" + System.getProperty("checkpointThreshold") + "'");
            }
            if (System.getProperty("memoryLimit") != null) {
                s.execute("SET memory_limit = '" + System.getProperty("memoryLimit") + "'");
            }
            boolean created = "created".equals(System.getProperty("tables"));
            if (!created) {
                for (String table : List.of("staging_events", "staging_songs", "songplays", "users", "songs",
                        "artists", "time")) {
                    s.execute(Files.readString(sql.resolve("schema/create_" + table + ".sql")));
                }
            }
            String eventsInto = created ? "CREATE TABLE staging_events AS " : "INSERT INTO staging_events ";
            String songsInto = created ? "CREATE TABLE staging_songs AS " : "INSERT INTO staging_songs ";
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            // Same conversions as COPY: empty strings as NULL, ts from epoch milliseconds; named as the
            // staging tables' columns, which the transform reads.
            s.execute(eventsInto + "SELECT NULLIF(artist, '') AS artist, NULLIF(auth, '') AS auth, "
                    + "NULLIF(firstName, '') AS first_name, NULLIF(gender, '') AS gender, "
                    + "itemInSession AS item_in_session, NULLIF(lastName, '') AS last_name, length, "
                    + "NULLIF(level, '') AS level, NULLIF(location, '') AS location, NULLIF(method, '') AS method, "
                    + "NULLIF(page, '') AS page, registration, sessionId AS session_id, NULLIF(song, '') AS song, "
                    + "status, make_timestamp(ts * 1000) AS ts, NULLIF(userAgent, '') AS user_agent, "
                    + "NULLIF(userId, '') AS user_id "
                    + "FROM read_json('" + data.resolve("log_data") + "/**/*.json', format = 'newline_delimited', "
                    + "columns = " + EVENT_COLUMNS + ")");
            long eventsStaged = System.nanoTime();
            s.execute(songsInto + "SELECT num_songs, NULLIF(artist_id, '') AS artist_id, artist_latitude, "
                    + "artist_longitude, NULLIF(artist_location, '') AS artist_location, "
                    + "NULLIF(artist_name, '') AS artist_name, NULLIF(song_id, '') AS song_id, "
                    + "NULLIF(title, '') AS title, duration, year FROM read_json('" + data.resolve("song_data")
                    + "/**/*.json', format = 'auto', columns = " + SONG_COLUMNS + ")");
            long staged = System.nanoTime();
            c.setAutoCommit(false);
            for (String table : STAR) {
                if (!created) {
                    s.execute("DELETE FROM " + table);
                }
            }
            for (String table : STAR) {
                String insert = Files.readString(sql.resolve("transform/insert_" + table + ".sql")).lines()
                        .filter(line -> !line.startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));
                if (created) {
                    // The same SELECT, its columns named as the INSERT's list names them.
                    java.util.regex.Matcher m = INSERT.matcher(insert);
                    if (!m.matches()) {
                        throw new IllegalStateException("not an INSERT ... SELECT: " + insert);
                    }
                    insert = "CREATE TABLE " + m.group(1) + " AS SELECT * FROM (" + m.group(3) + ") AS q("
                            + m.group(2).replaceAll("\\s+", " ") + ")";
                }
                s.execute(insert);
            }
            c.commit();
            long transformed = System.nanoTime();
            long cpu = processCpuNanos() - cpuStart;
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (String table : List.of("staging_events", "staging_songs", "songplays")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            System.out.printf((created ? "limit" : "baseline") + " staging_ms=%d (events %d, songs %d) transform_ms=%d cpu_ms=%d events=%d songs=%d "
                    + "songplays=%d%n", (staged - start) / 1_000_000, (eventsStaged - start) / 1_000_000,
                    (staged - eventsStaged) / 1_000_000, (transformed - staged) / 1_000_000, cpu / 1_000_000,
                    counts.get("staging_events"), counts.get("staging_songs"), counts.get("songplays"));
        }
    }

    /** CPU time this process (DuckDB's threads included) has used, as the service's figure counts it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
