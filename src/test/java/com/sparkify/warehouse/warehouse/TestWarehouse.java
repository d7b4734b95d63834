package com.sparkify.warehouse.warehouse;

import java.util.Optional;

import javax.sql.DataSource;

import com.sparkify.warehouse.source.EtlSources;

/**
 * A warehouse engine for tests of what surrounds one: an engine name and its SQL, no connections unless
 * given, and no staging. Tests subclass it to watch or vary the rest (upkeep, reachability).
 */
public class TestWarehouse implements Warehouse {

    private final String engine;
    private final DataSource dataSource;
    private final String location;
    private final String incrementalUnavailable;

    public TestWarehouse(String engine, DataSource dataSource, String location, String incrementalUnavailable) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.location = location;
        this.incrementalUnavailable = incrementalUnavailable;
    }

    /** The embedded engine's name and SQL, nowhere to connect to. */
    public TestWarehouse() {
        this("duckdb", null, "nowhere", null);
    }

    /** As {@link #TestWarehouse()}, saying why incremental runs cannot run (null: they can). */
    public static TestWarehouse incrementalUnavailable(String why) {
        return new TestWarehouse("duckdb", null, "nowhere", why);
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public SqlLibrary sql() {
        return new SqlLibrary(engine);
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
    public StagingReport stage(EtlSources sources, StagingListener listener) {
        throw new UnsupportedOperationException("a test warehouse stages nothing");
    }

    @Override
    public Optional<String> incrementalUnavailable() {
        return Optional.ofNullable(incrementalUnavailable);
    }
}
