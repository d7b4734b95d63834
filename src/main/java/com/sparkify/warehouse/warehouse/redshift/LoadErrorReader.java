package com.sparkify.warehouse.warehouse.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.sparkify.warehouse.warehouse.LoadError;

import org.jboss.logging.Logger;

/**
 * Reads the records one COPY rejected from Redshift's system views, in the shape of the embedded
 * engine's load errors. It uses its own autocommit connection: a failing query (STL_LOAD_ERRORS does
 * not exist on Serverless) must not abort the staging transaction.
 */
final class LoadErrorReader {

    private static final Logger LOG = Logger.getLogger(LoadErrorReader.class);
    static final int EXCERPT_CHARS = 120;

    /** The first rejected records (at most the listed limit) and how many the COPY rejected in all. */
    record Found(List<LoadError> listed, long total) {
        static final Found NONE = new Found(List.of(), 0);
    }

    private final DataSource dataSource;
    private final CopyCommands copy;
    /** Cleared after STL_LOAD_ERRORS failed once, i.e. on Serverless. */
    private volatile boolean stlAvailable = true;

    LoadErrorReader(DataSource dataSource, CopyCommands copy) {
        this.dataSource = dataSource;
        this.copy = copy;
    }

    /**
     * Rejected records of the COPY with {@code queryId} into {@code table}; object keys are made relative
     * to {@code bucket} as the embedded engine reports them. Empty when they cannot be read.
     */
    Found read(long queryId, String table, String bucket) {
        try (Connection c = dataSource.getConnection()) {
            Found found = Found.NONE;
            if (stlAvailable) {
                try {
                    found = query(c, copy.loadErrors(true), queryId, table, bucket);
                } catch (SQLException e) {
                    LOG.debugf("STL_LOAD_ERRORS not readable (%s); using SYS_LOAD_ERROR_DETAIL", e.getMessage());
                    stlAvailable = false;
                }
            }
            if (found.total() == 0) {
                found = query(c, copy.loadErrors(false), queryId, table, bucket);
            }
            return found;
        } catch (SQLException e) {
            LOG.warnf("Load errors of COPY query %d could not be read: %s", queryId, e.getMessage());
            return Found.NONE;
        }
    }

    private static Found query(Connection c, String sql, long queryId, String table, String bucket)
            throws SQLException {
        List<LoadError> listed = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, queryId);
            try (ResultSet rs = ps.executeQuery()) {
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
        }
        return new Found(listed, Math.max(total, listed.size()));
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
