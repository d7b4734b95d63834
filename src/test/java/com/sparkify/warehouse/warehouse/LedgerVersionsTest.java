package com.sparkify.warehouse.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's versions of a location as an incremental run compares them: read from the ledger, or taken
 * from what the service last read or committed there while the ledger's count of entries per run says
 * nothing else changed it; anything else that changed it (another writer, a reset, objects loaded again)
 * makes the next comparison read the ledger again.
 */
class LedgerVersionsTest {

    private static final String SOURCE = "file:///data/song_data";
    private static final String TABLE = Tables.STAGING_SONGS;

    @TempDir
    Path dir;

    private String url;
    /** Statements the ledger prepared, by SQL resource name where known. */
    private final List<String> prepared = new ArrayList<>();
    private Ledger ledger;

    @BeforeEach
    void ledger() throws Exception {
        url = "jdbc:duckdb:" + dir.resolve("ledger.duckdb");
        Class.forName("org.duckdb.DuckDBDriver");
        TestWarehouse engine = new TestWarehouse("duckdb", recording(), "nowhere", null);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(engine.sql().get("schema/create_load_ledger"));
        }
        prepared.clear();
        ledger = new Ledger(engine);
    }

    @Test
    void shouldReadTheLedgerFirstAndAgainWhenAnotherWriterAddedToIt() throws Exception {
        insert("run-1", "song_data/A/a.json", 10, "v1");
        insert("run-1", "song_data/A/b.json", 20, "v1");

        assertThat(ledger.versions(TABLE, SOURCE)).isEqualTo(Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"),
                "song_data/A/b.json", new Ledger.Loaded(20, "v1")));
        assertThat(versionReads()).isEqualTo(1);

        insert("run-2", "song_data/B/c.json", 30, "v2"); // not through this service
        assertThat(ledger.versions(TABLE, SOURCE)).containsEntry("song_data/B/c.json", new Ledger.Loaded(30, "v2"))
                .hasSize(3);
        assertThat(versionReads()).isEqualTo(2);
    }

    @Test
    void shouldAnswerWhatARunCommittedWithoutReadingEveryObjectAgain() throws Exception {
        insert("run-1", "song_data/A/a.json", 10, "v1");
        ledger.versions(TABLE, SOURCE);
        Ledger.Entry added = entry("run-2", "song_data/B/c.json", 30, "v2");
        insert("run-2", "song_data/B/c.json", 30, "v2"); // what the merge's transaction committed

        ledger.recorded(List.of(added), false, Set.of());

        assertThat(ledger.versions(TABLE, SOURCE)).isEqualTo(Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"),
                "song_data/B/c.json", new Ledger.Loaded(30, "v2")));
        assertThat(versionReads()).isEqualTo(1);
    }

    @Test
    void shouldAnswerAFullRunsLedgerAsItRebuiltIt() throws Exception {
        insert("run-1", "song_data/A/a.json", 10, "v1");
        ledger.versions(TABLE, SOURCE);
        ledger.forget();
        delete();
        insert("run-2", "song_data/A/a.json", 11, "v2");
        insert("run-2", "song_data/B/c.json", 30, "v1");

        ledger.recorded(List.of(entry("run-2", "song_data/A/a.json", 11, "v2"), entry("run-2", "song_data/B/c.json", 30, "v1")),
                true, Set.of());

        assertThat(ledger.versions(TABLE, SOURCE)).isEqualTo(Map.of("song_data/A/a.json", new Ledger.Loaded(11, "v2"),
                "song_data/B/c.json", new Ledger.Loaded(30, "v1")));
        assertThat(versionReads()).isEqualTo(1);
    }

    @Test
    void shouldReadAgainAfterARunLoadedObjectsAgainOrTheLedgerWasEmptied() throws Exception {
        insert("run-1", "song_data/A/a.json", 10, "v1");
        ledger.versions(TABLE, SOURCE);
        delete();
        insert("run-2", "song_data/A/a.json", 11, "v2");

        ledger.recorded(List.of(entry("run-2", "song_data/A/a.json", 11, "v2")), false, Set.of(TABLE));

        assertThat(ledger.versions(TABLE, SOURCE)).isEqualTo(Map.of("song_data/A/a.json", new Ledger.Loaded(11, "v2")));
        assertThat(versionReads()).isEqualTo(2);
        delete(); // a reset
        assertThat(ledger.versions(TABLE, SOURCE)).isEmpty();
        assertThat(versionReads()).isEqualTo(3);
    }

    private static Ledger.Entry entry(String run, String key, long size, String version) {
        return new Ledger.Entry(SOURCE, TABLE, key, size, version, null, run, null);
    }

    private long versionReads() {
        return prepared.stream().filter(sql -> sql.contains("object_key, object_size, object_version")).count();
    }

    private void insert(String run, String key, long size, String version) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement("INSERT INTO load_ledger (source, staging_table, object_key, "
                        + "object_size, object_version, run_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, SOURCE);
            ps.setString(2, TABLE);
            ps.setString(3, key);
            ps.setLong(4, size);
            ps.setString(5, version);
            ps.setString(6, run);
            ps.executeUpdate();
        }
    }

    private void delete() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM load_ledger");
        }
    }

    /** Connections to the test's file whose prepared statements are noted. */
    private DataSource recording() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Connection c = DriverManager.getConnection(url);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement")) {
                                    prepared.add((String) a[0]);
                                }
                                try {
                                    return m.invoke(c, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
