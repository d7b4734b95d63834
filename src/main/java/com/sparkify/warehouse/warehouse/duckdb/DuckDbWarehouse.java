package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Warehouse;

/**
 * The embedded engine: a DuckDB file under {@code sparkify.data-dir}, loaded by the service itself.
 */
public final class DuckDbWarehouse implements Warehouse {

    private final DataSource dataSource;
    private final SqlLibrary sql = new SqlLibrary("duckdb");
    private final DuckDbStager stager;
    private final String location;

    public DuckDbWarehouse(DataSource dataSource, String jdbcUrl, SparkifyConfig config, SourceService sources,
            ObjectMapper json) {
        this.dataSource = dataSource;
        this.location = jdbcUrl;
        this.stager = new DuckDbStager(dataSource, sql, sources, config.etl(), json,
                config.duckdb().nativeReader());
        createParentDirectory(jdbcUrl);
    }

    @Override
    public String engine() {
        return "duckdb";
    }

    @Override
    public SqlLibrary sql() {
        return sql;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StagingReport stage(EtlSources sources, StagingListener listener) throws Exception {
        return stager.stage(sources, listener);
    }

    /**
     * Folds the write-ahead log into the database file. A write transaction still running (a job
     * queued meanwhile) makes DuckDB refuse; the next job's upkeep, or the log's size threshold,
     * catches up then.
     */
    @Override
    public void maintain() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql.get("maintenance/checkpoint"));
        }
    }

    /** DuckDB creates its file but not the folder it goes in. */
    private static void createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:duckdb:".length());
        int options = path.indexOf('?');
        path = options < 0 ? path : path.substring(0, options);
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warehouse directory " + parent, e);
        }
    }
}
