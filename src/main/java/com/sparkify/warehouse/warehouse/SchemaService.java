package com.sparkify.warehouse.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates, drops and describes the warehouse tables (the seed's {@code create_tables.py}).
 */
@ApplicationScoped
public class SchemaService {

    /** A table with its columns and row count. */
    public record TableInfo(String name, String kind, List<Column> columns, long rows) {
    }

    /** A column as the engine reports it. */
    public record Column(String name, String type) {
    }

    private final Warehouse warehouse;

    public SchemaService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Drops and recreates every staging and star table in one transaction, so a failed reset leaves the
     * old tables in place. Job history is kept. Returns the row count of every table afterwards.
     */
    public Map<String, Long> reset(WorkListener listener) throws SQLException {
        SqlLibrary sql = warehouse.sql();
        Transactions.inTransaction(warehouse.dataSource(), listener, (c, s) -> {
            WorkListener.Step drop = listener.step("drop_tables");
            for (String table : Tables.ALL) {
                s.execute(sql.render("schema/drop_table", Map.of("table", SqlLibrary.identifier(table))));
            }
            for (String table : Tables.LEDGER) {
                s.execute(sql.render("schema/drop_table", Map.of("table", SqlLibrary.identifier(table))));
            }
            drop.succeed(null);
            WorkListener.Step create = listener.step("create_tables");
            for (String table : Tables.ALL) {
                s.execute(sql.get("schema/create_" + table));
            }
            for (String table : Tables.LEDGER) {
                s.execute(sql.get("schema/create_" + table));
            }
            create.succeed(null);
        });
        return counts();
    }

    /** Whether every warehouse table exists, i.e. a reset has been done. */
    public boolean exists() throws SQLException {
        return describeColumns().keySet().containsAll(Tables.ALL);
    }

    /** Every warehouse table that exists, with columns and row counts, in {@link Tables#ALL} order. */
    public List<TableInfo> describe() throws SQLException {
        Map<String, List<Column>> columns = describeColumns();
        Map<String, Long> counts = count(columns.keySet());
        List<TableInfo> tables = new ArrayList<>();
        for (String table : Tables.ALL) {
            List<Column> cols = columns.get(table);
            if (cols != null) {
                tables.add(new TableInfo(table, Tables.STAGING.contains(table) ? "staging"
                        : Tables.SONGPLAYS.equals(table) ? "fact" : "dimension", cols, counts.get(table)));
            }
        }
        return tables;
    }

    /** The count beside the tables': songplays matched to a catalog song (song_id set), the analysts' key figure. */
    public static final String SONGPLAYS_WITH_SONG = "songplaysWithSong";

    /**
     * Row count of every existing table, in {@link Tables#ALL} order, then {@link #SONGPLAYS_WITH_SONG}, all
     * from one snapshot.
     */
    public Map<String, Long> counts() throws SQLException {
        return count(describeColumns().keySet());
    }

    /**
     * One query of {@code schema/count_rows} branches joined by UNION ALL: one snapshot, so a job
     * committing meanwhile shows entirely or not at all.
     */
    private Map<String, Long> count(Set<String> existing) throws SQLException {
        List<String> branches = new ArrayList<>();
        for (String table : Tables.ALL) {
            if (existing.contains(table)) {
                branches.add(warehouse.sql().render("schema/count_rows", Map.of("table", SqlLibrary.identifier(table))));
            }
        }
        if (existing.contains(Tables.SONGPLAYS)) {
            branches.add(warehouse.sql().get("schema/count_songplays_with_song"));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        if (branches.isEmpty()) {
            return counts;
        }
        Map<String, Long> found = new HashMap<>();
        try (Connection c = warehouse.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(String.join("\nUNION ALL\n", branches))) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (String table : Tables.ALL) {
            if (found.containsKey(table)) {
                counts.put(table, found.get(table));
            }
        }
        if (found.containsKey(SONGPLAYS_WITH_SONG)) {
            counts.put(SONGPLAYS_WITH_SONG, found.get(SONGPLAYS_WITH_SONG));
        }
        return counts;
    }

    private Map<String, List<Column>> describeColumns() throws SQLException {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("schema/list_tables"));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new Column(rs.getString(2), rs.getString(3)));
            }
        }
        return columns;
    }
}
