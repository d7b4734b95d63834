package com.sparkify.warehouse.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.sparkify.warehouse.source.EtlSources;

/**
 * A warehouse engine: where the tables live and how raw data reaches the staging tables. Schema,
 * transform and queries are shared SQL resources with per-engine overrides ({@link SqlLibrary}).
 */
public interface Warehouse {

    /** Engine name, also the SQL override folder: {@code duckdb} or {@code redshift}. */
    String engine();

    /** The engine's SQL statements. */
    SqlLibrary sql();

    /** Connections to the warehouse. */
    DataSource dataSource();

    /** Where the warehouse is, for humans: never with credentials. */
    String location();

    /**
     * Loads both staging tables from the sources, replacing what they held, reporting progress, load
     * errors and steps to {@code listener}. Either both tables are loaded whole (within the allowed load
     * errors) or the load fails ({@link LoadFailure}, {@link LoadCancelledException}) leaving them as
     * they were.
     */
    StagingReport stage(EtlSources sources, StagingListener listener) throws Exception;

    /**
     * Why this engine, as configured, cannot run an incremental load (what to set), or empty when it can.
     */
    default Optional<String> incrementalUnavailable() {
        return Optional.empty();
    }

    /**
     * Appends {@code rows} to {@code table} on {@code c} inside its open transaction, values in the table's
     * column order ({@code String}, {@code Long}, {@code Instant} or null), where the engine has a bulk path
     * faster than multi-row INSERTs; false where it has none, and the caller inserts them itself.
     */
    default boolean append(Connection c, String table, List<Object[]> rows) throws SQLException {
        return false;
    }

    /**
     * Whether the quality checks go as one statement (each check a scalar subquery: one round trip where a
     * round trip is costly) rather than one statement per check. One statement by default.
     */
    default boolean checksInOneStatement() {
        return true;
    }

    /**
     * Storage upkeep after a job, off the job's clock: the job's data is committed and readable
     * before this runs. Nothing by default.
     */
    default void maintain() throws SQLException {
    }

    /**
     * Upkeep after an ETL run whose data committed, outside its transaction and off its clock: returns
     * what was done, for the log and the job's details, or null when the engine does nothing. A failed
     * step is reported in the returned text, never thrown.
     */
    default String afterCommittedRun() {
        return null;
    }

    /**
     * Why the engine cannot be brought back without restarting the process, or empty. Liveness turns
     * DOWN on it; a failure the engine recovers from by itself is not one.
     */
    default Optional<String> broken() {
        return Optional.empty();
    }

    /**
     * A job's failure as its record should say it: naming the setting to raise or the directory that is
     * full, and without the engine's internal detail. Null when the failure's own message says it.
     * The engine also starts recovering from a fatal error seen here.
     */
    default String explain(Throwable failure) {
        return null;
    }
}
