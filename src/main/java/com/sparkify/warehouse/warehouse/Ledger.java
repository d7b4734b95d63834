package com.sparkify.warehouse.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ledger of loaded objects ({@code load_ledger}) and the rows incremental runs merge from
 * ({@code loaded_events}, {@code loaded_tracks}, {@code loaded_songs}, {@code loaded_users}), all tagged with the
 * run that loaded them. A full run rebuilds them inside its transform's transaction; an incremental run adds to
 * them inside its merge's.
 */
@ApplicationScoped
public class Ledger {

    /** One loaded object. {@code rows} is null where the engine did not report the object's rows. */
    public record Entry(String source, String stagingTable, String key, long size, String version, Long rows,
            String runId, Instant loadedAt) {
    }

    /** One page of the ledger and how many entries match in all. */
    public record Page(List<Entry> items, long total) {
    }

    private final Warehouse warehouse;

    public Ledger(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Whether the ledger's tables exist (a warehouse reset before they were introduced has none). */
    public boolean exists() throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("ledger/tables"));
                ResultSet rs = ps.executeQuery()) {
            int found = 0;
            while (rs.next()) {
                found++;
            }
            return found == Tables.LEDGER.size();
        }
    }

    /** Creates the ledger's tables where missing: a warehouse reset before they existed gets them on its next full run. */
    public void create() throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : Tables.LEDGER) {
                s.execute(warehouse.sql().render("schema/drop_table", Map.of("table", table)));
                s.execute(warehouse.sql().get("schema/create_" + table));
            }
        }
    }

    /** Entries whose key starts with {@code prefix}, by key, and how many match. */
    public Page list(String prefix, int limit, int offset) throws SQLException {
        String pattern = escapeLike(prefix == null ? "" : prefix) + "%";
        List<Entry> items = new ArrayList<>();
        long total;
        try (Connection c = warehouse.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(warehouse.sql().get("ledger/list"))) {
                ps.setString(1, pattern);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs, null));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(warehouse.sql().get("ledger/count"))) {
                ps.setString(1, pattern);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
        }
        return new Page(List.copyOf(items), total);
    }

    /** An object's size and version as the ledger holds it. */
    public record Loaded(long size, String version) {
    }

    /**
     * The key, size and version of every object of {@code source} the ledger holds for {@code stagingTable}:
     * what tells new and changed objects from loaded ones, without the columns only a changed object needs.
     */
    public Map<String, Loaded> versions(String stagingTable, String source) throws SQLException {
        Map<String, Loaded> versions = new HashMap<>();
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("ledger/versions"))) {
            ps.setString(1, stagingTable);
            ps.setString(2, source);
            readVersions(ps, versions);
        }
        return versions;
    }

    /** Key, size and version rows ({@code ledger/versions}'s columns) into {@code versions}. */
    private static void readVersions(PreparedStatement ps, Map<String, Loaded> versions) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1), new Loaded(rs.getLong(2), rs.getString(3)));
            }
        }
    }

    /**
     * The size and version the ledger holds of those of {@code keys} it holds for {@code stagingTable} and
     * {@code source}: what a watched folder's changed files are compared with.
     */
    public Map<String, Loaded> versions(String stagingTable, String source, List<String> keys) throws SQLException {
        Map<String, Loaded> versions = new HashMap<>();
        try (Connection c = warehouse.dataSource().getConnection()) {
            for (int from = 0; from < keys.size(); from += ROWS_PER_INSERT) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + ROWS_PER_INSERT));
                String sql = warehouse.sql().render("ledger/versions_of",
                        Map.of("keys", String.join(", ", Collections.nCopies(chunk.size(), "?"))));
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, stagingTable);
                    ps.setString(2, source);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 3, chunk.get(i));
                    }
                    readVersions(ps, versions);
                }
            }
        }
        return versions;
    }

    /**
     * The ledger's state for {@code source}'s objects of {@code stagingTable}: how many it holds and when the
     * latest was loaded. Whatever writes them (a run, a reset) changes it.
     */
    public String state(String stagingTable, String source) throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("ledger/state"))) {
            ps.setString(1, stagingTable);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " loaded, the latest at " + rs.getString(2);
            }
        }
    }

    /** Every entry of one staging table's objects, with the run that loaded each (to find a changed object's mates). */
    public List<Entry> entries(String stagingTable) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("ledger/entries"))) {
            ps.setString(1, stagingTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), stagingTable, rs.getString(2), rs.getLong(3),
                            rs.getString(4), null, rs.getString(5), null));
                }
            }
        }
        return entries;
    }

    private static Entry read(ResultSet rs, String stagingTable) throws SQLException {
        long rows = rs.getLong(5);
        Long staged = rs.wasNull() ? null : rows;
        Timestamp at = rs.getTimestamp(7);
        return new Entry(rs.getString(1), stagingTable, rs.getString(2), rs.getLong(3), rs.getString(4), staged,
                rs.getString(6), at == null ? null : at.toInstant());
    }

    /** {@code !} escapes LIKE's wildcards, so a prefix matches literally. */
    static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** A statement keeping staged rows, and how many of its parameters are the run's id. */
    private record Keep(String name, int runIds) {
    }

    /** Tracks before events: an event's track number is looked up among its run's tracks. */
    private static final List<Keep> KEEP = List.of(new Keep("ledger/insert_loaded_tracks", 1),
            new Keep("ledger/insert_loaded_events", 2), new Keep("ledger/insert_loaded_songs", 1),
            new Keep("ledger/insert_loaded_users", 1));

    /**
     * Keeps the staged rows as run {@code runId}'s: NextSong events (by track), their tracks, song records and
     * each user's latest event.
     */
    void keepStaged(Connection c, String runId) throws SQLException {
        for (Keep keep : KEEP) {
            try (PreparedStatement ps = c.prepareStatement(warehouse.sql().get(keep.name()))) {
                for (int i = 1; i <= keep.runIds(); i++) {
                    ps.setString(i, runId);
                }
                ps.executeUpdate();
            }
        }
    }

    /** Objects recorded per statement: well under the drivers' limits on bound parameters. */
    static final int ROWS_PER_INSERT = 500;

    /** {@code load_ledger}'s columns' JDBC types, in the order of an entry's values: how a null is bound. */
    private static final int[] ENTRY_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
            Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP };

    /** Records the objects a run loaded: through the engine's bulk path, else as multi-row INSERTs. */
    void record(Connection c, List<Entry> entries) throws SQLException {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            rows.add(new Object[] { e.source(), e.stagingTable(), e.key(), e.size(), e.version(), e.rows(), e.runId(),
                    e.loadedAt() });
        }
        if (rows.isEmpty() || warehouse.append(c, Tables.LOAD_LEDGER, rows)) {
            return;
        }
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            String sql = warehouse.sql().render("ledger/insert_entry",
                    Map.of("rows", String.join(",\n       ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?, ?)"))));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, chunk, ENTRY_TYPES);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Binds the rows' values one after the other, each as the engines' bulk paths take them ({@code String},
     * {@code Long}, {@code Instant}); a null gets its column's type from {@code types}.
     */
    private static void bind(PreparedStatement ps, List<Object[]> rows, int[] types) throws SQLException {
        int i = 0;
        for (Object[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                Object value = row[column];
                i++;
                if (value == null) {
                    ps.setNull(i, types[column]);
                } else if (value instanceof String text) {
                    ps.setString(i, text);
                } else if (value instanceof Long number) {
                    ps.setLong(i, number);
                } else if (value instanceof Instant at) {
                    ps.setTimestamp(i, Timestamp.from(at));
                } else {
                    throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName());
                }
            }
        }
    }
}
