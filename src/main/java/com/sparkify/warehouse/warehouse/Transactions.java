package com.sparkify.warehouse.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Runs work's statements in one transaction on one connection: committed only when all succeeded and
 * the work was not cancelled, rolled back otherwise. A cancel request cancels the running statement,
 * and the error that cancelling causes is reported as the cancellation it is.
 */
public final class Transactions {

    /** Statements to run inside the transaction, on its connection. */
    @FunctionalInterface
    public interface Work {
        void run(Connection connection, Statement statement) throws SQLException;
    }

    private Transactions() {
    }

    public static void inTransaction(DataSource dataSource, WorkListener listener, Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); WorkListener.Registration cancel = listener.onCancel(() -> cancel(s))) {
                work.run(c, s);
                listener.checkCancelled();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                if (listener.isCancelRequested() && !(e instanceof LoadFailure)) {
                    throw new LoadCancelledException();
                }
                throw e;
            } finally {
                restore(c, autoCommit);
            }
        }
    }

    /** Undoes the transaction so far, e.g. after a failed statement aborted it, before asking the session anything. */
    public static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it discards the transaction anyway
        }
    }

    private static void restore(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // a broken connection is dropped by the pool
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the work still stops at its next safe point
        }
    }
}
