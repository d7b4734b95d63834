package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Warehouse;

/**
 * The embedded engine: a DuckDB file under {@code sparkify.data-dir}, loaded by the service itself. Its
 * connections come through a {@link DuckDbGuard}, which reopens the database after a fatal error.
 */
public final class DuckDbWarehouse implements Warehouse {

    private final DuckDbGuard guard;
    private final DataSource dataSource;
    private final SqlLibrary sql = new SqlLibrary("duckdb");
    private final DuckDbStager stager;
    private final String location;
    private final Path directory;
    private final String memoryLimit;

    public DuckDbWarehouse(DataSource pool, String jdbcUrl, SparkifyConfig config, SourceService sources,
            ObjectMapper json) {
        this.guard = new DuckDbGuard(pool, config.duckdb().reopenTimeout(), this::dropLeftovers);
        this.dataSource = guard.dataSource();
        this.location = jdbcUrl;
        this.memoryLimit = config.duckdb().memoryLimit();
        this.directory = createParentDirectory(jdbcUrl);
        StorageEstimate storage = directory == null ? null : new StorageEstimate(directory, dataSource);
        this.stager = new DuckDbStager(dataSource, sql, sources, config.etl(), json,
                config.duckdb().nativeReader(), storage);
    }

    /**
     * One statement per check: a round trip costs nothing embedded, and in one statement DuckDB keeps every
     * check's hash table (the unique keys of songplays and time) alive at once under its memory limit, which
     * made the checks after a merge several times slower (BENCHMARKS.md, session 10).
     */
    @Override
    public boolean checksInOneStatement() {
        return false;
    }

    /**
     * DuckDB's appender: a statement of a few hundred rows of parameters costs DuckDB more to plan than
     * to run, which made recording a large run's objects one of its slowest steps (BENCHMARKS.md, session 9).
     */
    @Override
    public boolean append(Connection c, String table, List<Object[]> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1"); // the appender joins an open transaction only; this opens it if none is yet
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                table)) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (Object value : row) {
                    if (value == null) {
                        appender.appendNull();
                    } else if (value instanceof String text) {
                        appender.append(text);
                    } else if (value instanceof Long number) {
                        appender.append(number.longValue());
                    } else if (value instanceof Instant at) {
                        // As JDBC's setTimestamp stores it: the wall-clock time in the JVM's zone.
                        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneId.systemDefault());
                        Instant wall = local.toInstant(ZoneOffset.UTC);
                        appender.appendEpochMicros(wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000);
                    } else {
                        throw new IllegalArgumentException("cannot append a " + value.getClass().getSimpleName());
                    }
                }
                appender.endRow();
            }
        }
        return true;
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

    @Override
    public Optional<String> broken() {
        return Optional.ofNullable(guard.broken());
    }

    /**
     * Names what to change: the memory limit, the temporary storage's limit, or the directory that is
     * full; a fatal error also starts the reopen.
     */
    @Override
    public String explain(Throwable failure) {
        Throwable seen = guard.observe(failure);
        String message = null;
        for (Throwable t = failure; t != null && message == null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            if (m.contains("max_temp_directory_size")) {
                message = "DuckDB's temporary storage reached its limit, max_temp_directory_size (set it with "
                        + "quarkus.datasource.duckdb.jdbc.additional-jdbc-properties.max_temp_directory_size; "
                        + "DuckDB's default is most of the free space in " + directory + "): raise it, or raise "
                        + "sparkify.duckdb.memory-limit (now " + memoryLimit + ") so that less is spilled";
            } else if (m.contains("Out of Memory Error")) {
                message = "DuckDB ran out of memory: raise sparkify.duckdb.memory-limit (now " + memoryLimit
                        + ") or give the run less data";
            } else if (m.contains("No space left on device")) {
                message = "the data directory " + directory + " is full: free some space or give "
                        + "sparkify.data-dir a larger volume";
            }
            if (message != null) {
                message += " (DuckDB: " + firstLine(DuckDbGuard.message(t)) + ")";
            }
        }
        if (seen != failure) {
            message = (message == null ? "" : message + "; ") + seen.getMessage();
        }
        return message == null ? null : message + "; the previous tables are kept";
    }

    private void dropLeftovers(Connection c) throws SQLException {
        stager.dropLeftovers(c);
    }

    private static String firstLine(String s) {
        int end = s.indexOf('\n');
        return end < 0 ? s : s.substring(0, end);
    }

    /** DuckDB creates its file but not the folder it goes in. Returns that folder, or null in memory. */
    private static Path createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:duckdb:".length());
        int options = path.indexOf('?');
        path = options < 0 ? path : path.substring(0, options);
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return null;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warehouse directory " + parent, e);
        }
        return parent;
    }
}
