package com.sparkify.warehouse.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.Warehouse;

/**
 * Reads the warehouse directly in tests, to check what a job really wrote.
 */
@ApplicationScoped
public class WarehouseQueries {

    private final Warehouse warehouse;

    public WarehouseQueries(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public long count(String table) {
        return single("SELECT COUNT(*) FROM " + table);
    }

    /** The first column of the first row as a long. */
    public long single(String sql) {
        List<List<Object>> rows = rows(sql);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    /** Every row, each as a list of column values (JDBC objects; numbers as Number). */
    public List<List<Object>> rows(String sql) {
        try (Connection c = warehouse.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops every warehouse table, as on a warehouse that was never reset. */
    public void dropAllTables() {
        for (String table : Tables.ALL) {
            execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
