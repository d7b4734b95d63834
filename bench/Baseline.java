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
 *   java -cp target/quarkus-app/lib/main/org.duckdb.duckdb_jdbc-*.jar bench/Baseline.java DATA_DIR DB_FILE
 *
 * Prints "baseline staging_ms=... transform_ms=... cpu_ms=... events=... songs=... songplays=...", cpu_ms
 * being the CPU time of the timed work (user and system, all threads).
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
            for (String table : List.of("staging_events", "staging_songs", "songplays", "users", "songs", "artists",
                    "time")) {
                s.execute(Files.readString(sql.resolve("schema/create_" + table + ".sql")));
            }
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            // Same conversions as COPY: empty strings as NULL, ts from epoch milliseconds.
            s.execute("INSERT INTO staging_events SELECT NULLIF(artist, ''), NULLIF(auth, ''), NULLIF(firstName, ''), "
                    + "NULLIF(gender, ''), itemInSession, NULLIF(lastName, ''), length, NULLIF(level, ''), "
                    + "NULLIF(location, ''), NULLIF(method, ''), NULLIF(page, ''), registration, sessionId, "
                    + "NULLIF(song, ''), status, make_timestamp(ts * 1000), NULLIF(userAgent, ''), NULLIF(userId, '') "
                    + "FROM read_json('" + data.resolve("log_data") + "/**/*.json', format = 'newline_delimited', "
                    + "columns = " + EVENT_COLUMNS + ")");
            long eventsStaged = System.nanoTime();
            s.execute("INSERT INTO staging_songs SELECT num_songs, NULLIF(artist_id, ''), artist_latitude, "
                    + "artist_longitude, NULLIF(artist_location, ''), NULLIF(artist_name, ''), NULLIF(song_id, ''), "
                    + "NULLIF(title, ''), duration, year FROM read_json('" + data.resolve("song_data")
                    + "/**/*.json', format = 'auto', columns = " + SONG_COLUMNS + ")");
            long staged = System.nanoTime();
            c.setAutoCommit(false);
            for (String table : STAR) {
                s.execute("DELETE FROM " + table);
            }
            for (String table : STAR) {
                s.execute(Files.readString(sql.resolve("transform/insert_" + table + ".sql")));
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
            System.out.printf("baseline staging_ms=%d (events %d, songs %d) transform_ms=%d cpu_ms=%d events=%d songs=%d "
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
