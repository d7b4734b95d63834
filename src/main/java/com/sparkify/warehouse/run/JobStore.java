package com.sparkify.warehouse.run;

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

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.warehouse.Warehouse;

/**
 * Job history in the warehouse's {@code sparkify_jobs} table. The whole {@link JobRecord} is kept as JSON
 * beside the columns used to find it, so a job reads back exactly as it was last saved.
 */
@ApplicationScoped
public class JobStore {

    private final Warehouse warehouse;
    private final ObjectMapper json;
    private volatile boolean ready;

    public JobStore(Warehouse warehouse, ObjectMapper json) {
        this.warehouse = warehouse;
        this.json = json;
    }

    /** Creates the table once; safe to call again. */
    public void ensureTable() throws SQLException {
        if (ready) {
            return;
        }
        try (Connection c = warehouse.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(warehouse.sql().get("jobs/create_table"));
        }
        ready = true;
    }

    public void insert(JobRecord job) throws SQLException {
        ensureTable();
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("jobs/insert"))) {
            ps.setString(1, job.id());
            ps.setString(2, job.type().name());
            ps.setString(3, job.status().name());
            setTimestamp(ps, 4, job.createdAt());
            setTimestamp(ps, 5, job.startedAt());
            setTimestamp(ps, 6, job.finishedAt());
            ps.setString(7, clip(job.error()));
            ps.setString(8, toJson(job));
            ps.executeUpdate();
        }
    }

    public void update(JobRecord job) throws SQLException {
        ensureTable();
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get("jobs/update"))) {
            ps.setString(1, job.status().name());
            setTimestamp(ps, 2, job.startedAt());
            setTimestamp(ps, 3, job.finishedAt());
            ps.setString(4, clip(job.error()));
            ps.setString(5, toJson(job));
            ps.setString(6, job.id());
            ps.executeUpdate();
        }
    }

    public Optional<JobRecord> find(String id) throws SQLException {
        ensureTable();
        List<JobRecord> found = query("jobs/find_by_id", ps -> ps.setString(1, id));
        return found.stream().findFirst();
    }

    /** Jobs newest first, optionally of one type and status. */
    public List<JobRecord> list(JobType type, JobStatus status, int limit) throws SQLException {
        ensureTable();
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
        ensureTable();
        return query("jobs/last_succeeded", ps -> ps.setString(1, type.name())).stream().findFirst();
    }

    /** Jobs left QUEUED or RUNNING by a process that stopped. */
    public List<JobRecord> unfinished() throws SQLException {
        ensureTable();
        return query("jobs/find_unfinished", ps -> {
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<JobRecord> query(String name, Binder binder) throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(warehouse.sql().get(name))) {
            binder.bind(ps);
            List<JobRecord> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(fromJson(rs.getString(1)));
                }
            }
            return jobs;
        }
    }

    private static void setTimestamp(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(instant));
        }
    }

    private static String clip(String error) {
        return error == null || error.length() <= 4000 ? error : error.substring(0, 4000);
    }

    private String toJson(JobRecord job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.id() + " cannot be written as JSON", e);
        }
    }

    private JobRecord fromJson(String detail) throws SQLException {
        try {
            return json.readValue(detail, JobRecord.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable job history entry", e);
        }
    }
}
