package com.sparkify.warehouse.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.sparkify.warehouse.run.Job;

/**
 * Runs a job's statements in one transaction on one connection: committed only when all succeeded and
 * the job was not cancelled, rolled back otherwise. A cancel request cancels the running statement.
 */
public final class Transactions {

    /** Statements to run inside the transaction. */
    @FunctionalInterface
    public interface Work {
        void run(Statement statement) throws SQLException;
    }

    private Transactions() {
    }

    public static void inTransaction(DataSource dataSource, Job job, Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); Job.Registration cancel = job.onCancel(() -> cancel(s))) {
                work.run(s);
                job.checkCancelled();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the job still stops at its next safe point
        }
    }
}
