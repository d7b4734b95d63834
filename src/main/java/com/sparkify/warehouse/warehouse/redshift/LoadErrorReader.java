package com.sparkify.warehouse.warehouse.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.sparkify.warehouse.warehouse.LoadError;

import org.jboss.logging.Logger;

/**
 * Reads the records one COPY rejected from Redshift's system views, in the shape of the embedded
 * engine's load errors. A COPY's rows are found by what the views guarantee, never by a possibly stale
 * {@code pg_last_copy_id()}: the session that ran it ({@code pg_backend_pid()}), its table, and ids
 * above a baseline taken just before it. STL_LOAD_ERRORS is read where it exists; SYS_LOAD_ERROR_DETAIL
 * (through SYS_LOAD_HISTORY) only where it does not, decided afresh for every COPY. Uses its own
 * autocommit connection: a failing query must not abort the staging transaction.
 */
final class LoadErrorReader {

    private static final Logger LOG = Logger.getLogger(LoadErrorReader.class);
    static final int EXCERPT_CHARS = 120;
    /** PostgreSQL's undefined_table, which Redshift returns for a view it does not have. */
    private static final String UNDEFINED_TABLE = "42P01";

    /** Where to look for one COPY's rows: its session and table, the view, and the last id before it. */
    record Baseline(int session, String table, boolean stl, long lastId) {
    }

    /**
     * The first rejected records (at most the listed limit) and how many the COPY rejected in all;
     * {@code readable} is false when neither view could be read, so nothing is known.
     */
    record Found(List<LoadError> listed, long total, boolean readable) {
        static final Found NONE = new Found(List.of(), 0, true);
        static final Found UNREADABLE = new Found(List.of(), 0, false);
    }

    private final DataSource dataSource;
    private final CopyCommands copy;

    LoadErrorReader(DataSource dataSource, CopyCommands copy) {
        this.dataSource = dataSource;
        this.copy = copy;
    }

    /** Taken before each COPY; null when neither view can be read. */
    Baseline baseline(int session, String table) {
        try (Connection c = dataSource.getConnection()) {
            try {
                return new Baseline(session, table, true, single(c, copy.loadErrorsBaseline(true), session, table));
            } catch (SQLException e) {
                if (!absent(e)) {
                    LOG.warnf("STL_LOAD_ERRORS could not be read before loading %s: %s", table, e.getMessage());
                    return null;
                }
            }
            return new Baseline(session, table, false,
                    single(c, copy.loadErrorsBaseline(false), session, table, table));
        } catch (SQLException e) {
            LOG.warnf("No load-error view could be read before loading %s: %s", table, e.getMessage());
            return null;
        }
    }

    /**
     * Rejected records of the COPY that ran after {@code baseline}; object keys are made relative to
     * {@code bucket} as the embedded engine reports them.
     */
    Found read(Baseline baseline, String bucket) {
        if (baseline == null) {
            return Found.UNREADABLE;
        }
        try (Connection c = dataSource.getConnection()) {
            return baseline.stl()
                    ? query(c, copy.loadErrors(true), baseline.table(), bucket,
                            baseline.session(), baseline.table(), baseline.lastId())
                    : query(c, copy.loadErrors(false), baseline.table(), bucket,
                            baseline.session(), baseline.table(), baseline.table(), baseline.lastId());
        } catch (SQLException e) {
            LOG.warnf("Load errors of the COPY into %s could not be read: %s", baseline.table(), e.getMessage());
            return Found.UNREADABLE;
        }
    }

    /** The view does not exist here (STL on Serverless or Multi-AZ), as opposed to failing to answer. */
    static boolean absent(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return UNDEFINED_TABLE.equals(e.getSQLState()) || message.contains("does not exist");
    }

    private static long single(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
        return ps;
    }

    private static Found query(Connection c, String sql, String table, String bucket, Object... parameters)
            throws SQLException {
        List<LoadError> listed = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String column = blankToNull(rs.getString(3));
                String reason = blankToNull(rs.getString(4));
                String value = blankToNull(rs.getString(5));
                String record = blankToNull(rs.getString(6));
                if (value != null && (reason == null || !reason.contains(value))) {
                    reason = (reason == null ? "rejected" : reason) + " (value: " + value + ")";
                }
                listed.add(new LoadError(table, key(rs.getString(1), bucket), rs.getLong(2), column,
                        reason == null ? "rejected by COPY" : reason, excerpt(record != null ? record : value)));
                total = rs.getLong(7);
            }
        }
        return new Found(listed, Math.max(total, listed.size()), true);
    }

    /** {@code s3://bucket/log_data/a.json} becomes {@code log_data/a.json}, as listed from S3. */
    static String key(String fileName, String bucket) {
        if (fileName == null) {
            return null;
        }
        String prefix = "s3://" + bucket + "/";
        return fileName.startsWith(prefix) ? fileName.substring(prefix.length()) : fileName;
    }

    private static String excerpt(String raw) {
        if (raw == null) {
            return null;
        }
        return raw.length() <= EXCERPT_CHARS ? raw : raw.substring(0, EXCERPT_CHARS) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
