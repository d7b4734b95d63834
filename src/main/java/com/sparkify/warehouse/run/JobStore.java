package com.sparkify.warehouse.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.warehouse.SqlLibrary;

import org.duckdb.DuckDBDriver;

/**
 * Job history in a small embedded store of its own: a DuckDB file, {@code jobs.duckdb}, in the data
 * directory, whatever the warehouse engine. So a Redshift cluster holds only the warehouse (cluster jobs
 * have a history before the cluster exists and after it is deleted), and a warehouse file that is full or
 * invalidated neither loses nor blocks the history. DuckDB rather than files of JSON: each save is one
 * atomic upsert (a crash never leaves half a record), and the list's filters and order are SQL. The
 * record is the job's whole JSON, at most {@link #MAX_RECORD_BYTES}; a larger one keeps fewer load
 * errors and says so ({@code truncated}).
 */
@ApplicationScoped
public class JobStore {

    /** The store's file name in the data directory. */
    public static final String FILE = "jobs.duckdb";

    /**
     * Largest record kept, in UTF-8 bytes: what the warehouse's {@code VARCHAR(65535)} column held before,
     * so a job reads back as it did, and a page of 100 jobs stays a few megabytes.
     */
    public static final int MAX_RECORD_BYTES = 65_535;

    private final Path file;
    private final ObjectMapper json;
    private final SqlLibrary sql = new SqlLibrary("duckdb");
    private Connection connection;

    @Inject
    public JobStore(SparkifyConfig config, ObjectMapper json) {
        this(config.dataDir().resolve(FILE), json);
    }

    /** A store in {@code file}; tests give their own. */
    public JobStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** Writes the job's record, replacing the one saved before. */
    public void save(JobRecord job) throws SQLException {
        String record = toJson(fitted(job));
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get("jobs/save"))) {
                ps.setString(1, job.id());
                ps.setString(2, job.type().name());
                ps.setString(3, job.status().name());
                setTimestamp(ps, 4, job.createdAt());
                setTimestamp(ps, 5, job.finishedAt());
                ps.setString(6, record);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<JobRecord> find(String id) throws SQLException {
        return query("jobs/find_by_id", ps -> ps.setString(1, id)).stream().findFirst();
    }

    /** Jobs newest first, optionally of one type and status. */
    public List<JobRecord> list(JobType type, JobStatus status, int limit) throws SQLException {
        String t = type == null ? null : type.name();
        String s = status == null ? null : status.name();
        return query("jobs/list", ps -> {
            ps.setString(1, t);
            ps.setString(2, t);
            ps.setString(3, s);
            ps.setString(4, s);
            ps.setInt(5, limit);
        });
    }

    public Optional<JobRecord> lastSucceeded(JobType type) throws SQLException {
        return query("jobs/last_succeeded", ps -> ps.setString(1, type.name())).stream().findFirst();
    }

    /** Jobs left QUEUED or RUNNING by a process that stopped. */
    public List<JobRecord> unfinished() throws SQLException {
        return query("jobs/find_unfinished", ps -> {
        });
    }

    /**
     * The job as it will be stored: whole when its JSON fits in {@link #MAX_RECORD_BYTES}, else with as
     * many of its first load errors as fit, marked truncated (the count still says how many there were).
     */
    JobRecord fitted(JobRecord job) {
        if (bytes(job) <= MAX_RECORD_BYTES || job.loadErrors() == null || job.loadErrors().isEmpty()) {
            return job;
        }
        int low = 0;
        int high = job.loadErrors().size() - 1;
        while (low < high) { // the most load errors that fit
            int mid = (low + high + 1) / 2;
            if (bytes(job.truncatedTo(mid)) <= MAX_RECORD_BYTES) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return job.truncatedTo(low);
    }

    private int bytes(JobRecord job) {
        return toJson(job).getBytes(StandardCharsets.UTF_8).length;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing at shutdown: nothing left to do with it
            }
            connection = null;
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private List<JobRecord> query(String name, Binder binder) throws SQLException {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get(name))) {
                binder.bind(ps);
                List<JobRecord> jobs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(fromJson(rs.getString(1)));
                    }
                }
                return jobs;
            }
        });
    }

    /**
     * One connection, one statement at a time: the history is a few writes per job. After any failure
     * (a full disk may invalidate the store's DuckDB instance too) the connection is closed, so the next
     * call opens the file afresh.
     */
    private synchronized <T> T run(Work<T> work) throws SQLException {
        try {
            return work.run(open());
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    private Connection open() throws SQLException {
        if (connection == null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create the job history's directory " + file.getParent(), e);
            }
            Properties settings = new Properties();
            // a small store beside the warehouse: little memory, one thread
            settings.setProperty("memory_limit", "32MB");
            settings.setProperty("threads", "1");
            // DuckDB's driver itself, not DriverManager: it sees only drivers of the caller's class loader
            Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), settings);
            try (Statement s = c.createStatement()) {
                s.execute(sql.get("jobs/create_table"));
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private static void setTimestamp(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(instant));
        }
    }

    private String toJson(JobRecord job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.id() + " cannot be written as JSON", e);
        }
    }

    private JobRecord fromJson(String record) throws SQLException {
        try {
            return json.readValue(record, JobRecord.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable job history entry", e);
        }
    }
}
