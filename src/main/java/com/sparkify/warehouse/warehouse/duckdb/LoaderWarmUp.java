package com.sparkify.warehouse.warehouse.duckdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.staging.JsonPaths;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RecordException;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import javax.sql.DataSource;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Runs the embedded loader's hot code (record splitting, the fast and general record paths, the
 * DuckDB appender) over generated records into a throw-away in-memory catalog attached to the
 * warehouse's own DuckDB, so it shares the warehouse's memory limit instead of adding a second
 * database's memory to the process. A fresh JVM runs that code interpreted at first, and on two cores
 * the JIT compiling it competes with the loaders: the first run after a start took half as long again
 * as the later ones. No warehouse table is touched.
 */
final class LoaderWarmUp {

    /** Enough records for the JIT's compile thresholds several times over, generated in well under a second. */
    private static final int EVENTS = 20_000;
    private static final int SONGS = 1_000;
    private static final int PASSES = 2;
    private static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

    /** The scratch catalog's name, unlike any the warehouse uses. */
    static final String CATALOG = "sparkify_warm_up";

    private final DataSource dataSource;
    private final SqlLibrary sql;
    private final ObjectMapper json;

    LoaderWarmUp(DataSource dataSource, SqlLibrary sql, ObjectMapper json) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.json = json;
    }

    /** Loads the generated records {@link #PASSES} times; returns the rows appended, for the caller's log. */
    long run() throws IOException, SQLException {
        Map<String, byte[]> objects = generate();
        RecordMapper events = RecordMapper.forJsonPaths(StagingSchema.EVENTS,
                JsonPaths.read(new ByteArrayInputStream(objects.remove(SampleDataGenerator.JSON_PATHS_KEY)), json),
                true, json);
        RecordMapper songs = RecordMapper.auto(StagingSchema.SONGS, true, json);
        Map<String, String> scratch = Map.of("catalog", CATALOG);
        long rows = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String home;
            try (ResultSet rs = s.executeQuery(sql.get("warm_up/current_catalog"))) {
                rs.next();
                home = rs.getString(1);
            }
            s.execute(sql.render("warm_up/attach", scratch));
            try {
                s.execute(sql.render("warm_up/use", scratch));
                for (String table : Tables.STAGING) {
                    s.execute(sql.get("schema/create_" + table));
                }
                rows = load(c.unwrap(DuckDBConnection.class), objects, songs, events);
            } finally {
                // The pooled connection goes back as it came: in the warehouse's catalog.
                s.execute(sql.render("warm_up/use", Map.of("catalog", quoted(home))));
                s.execute(sql.render("warm_up/detach", scratch));
            }
        }
        return rows;
    }

    private static long load(DuckDBConnection duck, Map<String, byte[]> objects, RecordMapper songs,
            RecordMapper events) throws IOException, SQLException {
        // One appender per table for every object, as each loader thread has.
        try (DuckDBAppender songAppender = duck.createAppender(CATALOG, DuckDBConnection.DEFAULT_SCHEMA,
                Tables.STAGING_SONGS);
                DuckDBAppender eventAppender = duck.createAppender(CATALOG, DuckDBConnection.DEFAULT_SCHEMA,
                        Tables.STAGING_EVENTS)) {
            Loader songLoader = new Loader(songAppender, songs, Tables.STAGING_SONGS);
            Loader eventLoader = new Loader(eventAppender, events, Tables.STAGING_EVENTS);
            for (int pass = 0; pass < PASSES; pass++) {
                for (Map.Entry<String, byte[]> object : objects.entrySet()) {
                    Loader loader = object.getKey().startsWith("song_data/") ? songLoader : eventLoader;
                    new JsonRecordReader(MAX_RECORD_BYTES).read(new ByteArrayInputStream(object.getValue()), loader);
                }
            }
            return songLoader.rows + eventLoader.rows;
        }
    }

    /** The loader's per-record work, with nothing to record: generated data has no bad records. */
    private static final class Loader extends RowAppender {
        private long rows;

        Loader(DuckDBAppender appender, RecordMapper mapper, String table) {
            super(table, mapper, appender);
        }

        @Override
        protected void appended() {
            rows++;
        }

        @Override
        protected void badRecord(long line, RecordException e, byte[] buf, int off, int len) throws IOException {
            throw new IOException("generated data is not loadable: line " + line + ": " + e.getMessage(), e);
        }

        @Override
        protected RuntimeException appendFailed(SQLException e) {
            return new IllegalStateException("warm-up append failed: " + e.getMessage(), e);
        }

        @Override
        public void error(long line, String reason, String excerpt) throws IOException {
            throw new IOException("generated data is not loadable: line " + line + ": " + reason);
        }
    }

    /** The catalog name as a quoted identifier: it comes from the database file's name, whatever that is. */
    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The generator's own output, kept in memory: the same shapes a real load sees. */
    private static Map<String, byte[]> generate() throws IOException {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        new SampleDataGenerator().generate(GeneratorOptions.builder().songs(SONGS).events(EVENTS).build(),
                key -> new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        objects.put(key, toByteArray());
                    }
                });
        if (!objects.containsKey(SampleDataGenerator.JSON_PATHS_KEY)) {
            objects.put(SampleDataGenerator.JSON_PATHS_KEY,
                    SampleDataGenerator.jsonPaths().getBytes(StandardCharsets.UTF_8));
        }
        return objects;
    }
}
