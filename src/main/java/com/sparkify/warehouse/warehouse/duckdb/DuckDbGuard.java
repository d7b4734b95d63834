package com.sparkify.warehouse.warehouse.duckdb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.sparkify.warehouse.warehouse.WarehouseUnavailableException;

import io.agroal.api.AgroalDataSource;

import org.jboss.logging.Logger;

/**
 * Keeps the embedded engine answering after a fatal error. DuckDB invalidates its database when a write
 * it cannot undo fails (a checkpoint on a full disk): every statement then fails until the database is
 * opened again. Every connection the service uses comes from here; a statement that reports the database
 * invalidated starts a reopen in the background: all pooled connections are closed, which releases the
 * process's DuckDB instance, and the next connection opens the file afresh at its last committed state.
 * Meanwhile connections are refused with {@link WarehouseUnavailableException}, which the API answers
 * with 503. After {@code reopenTimeout} of failed attempts the engine is reported broken (liveness DOWN,
 * so an orchestrator restarts the process), and attempts go on in case the cause goes away.
 */
final class DuckDbGuard {

    private static final Logger LOG = Logger.getLogger(DuckDbGuard.class);

    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 2_000;

    /** What to tidy up on a reopened database, e.g. the tables a run was loading into. */
    interface Cleanup {
        void run(Connection connection) throws SQLException;
    }

    private final DataSource pool;
    private final Duration reopenTimeout;
    private final Cleanup cleanup;
    private final DataSource guarded;
    private final ExecutorService reopener = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sparkify-duckdb-reopen");
        t.setDaemon(true);
        return t;
    });
    /** Why connections are refused, or null while the engine is open. */
    private volatile String unavailable;
    /** Set once reopening has failed for longer than {@link #reopenTimeout}. */
    private volatile String broken;

    DuckDbGuard(DataSource pool, Duration reopenTimeout, Cleanup cleanup) {
        this.pool = pool;
        this.reopenTimeout = reopenTimeout;
        this.cleanup = cleanup;
        this.guarded = (DataSource) Proxy.newProxyInstance(DuckDbGuard.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, this::invokeDataSource);
    }

    /** The connections every part of the service uses. */
    DataSource dataSource() {
        return guarded;
    }

    /** Why the engine cannot be reopened, or null while it is open or being reopened. */
    String broken() {
        return broken;
    }

    /** Why connections are refused right now, or null. */
    String unavailable() {
        return unavailable;
    }

    /**
     * Looks at a failure that did not come through a guarded statement (an appender's, a job's): when it
     * says the database is invalidated, the reopen starts. Returns the failure to report.
     */
    Throwable observe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WarehouseUnavailableException) {
                return failure;
            }
            if (t instanceof SQLException sql && isFatal(sql)) {
                return invalidated(sql);
            }
        }
        return failure;
    }

    /** DuckDB's message without the native stack trace it appends to fatal errors. */
    static String message(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int trace = m.indexOf("\n\nStack Trace:");
        return (trace < 0 ? m : m.substring(0, trace)).strip();
    }

    /** Whether DuckDB says the database is, or has just been, invalidated. */
    static boolean isFatal(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("FATAL Error") || m.startsWith("INTERNAL Error")
                || m.contains("database has been invalidated");
    }

    private synchronized WarehouseUnavailableException invalidated(SQLException cause) {
        String reason = unavailable;
        if (reason == null) {
            reason = "the embedded database is being reopened after a fatal error (" + original(cause)
                    + "); reads resume at its last committed state within seconds";
            unavailable = reason;
            LOG.errorf("DuckDB invalidated the database: %s. Reopening it.", original(cause));
            reopener.execute(this::reopen);
        }
        return new WarehouseUnavailableException(reason, cause);
    }

    /** The first error, which DuckDB quotes in every later one. */
    private static String original(SQLException e) {
        String m = message(e);
        int quoted = m.indexOf("Original error: \"");
        if (quoted >= 0 && m.endsWith("\"")) {
            return m.substring(quoted + "Original error: \"".length(), m.length() - 1);
        }
        return m.startsWith("FATAL Error: ") ? m.substring("FATAL Error: ".length()) : m;
    }

    /**
     * Closes pooled connections until none holds the invalidated instance, then proves a fresh one
     * answers. Connections in use are closed as they come back (their statements fail at once on an
     * invalidated database), never under a running statement.
     */
    private void reopen() {
        long start = System.nanoTime();
        long pause = FIRST_PAUSE_MS;
        String last = null;
        while (true) {
            if (pool instanceof AgroalDataSource agroal) {
                agroal.flush(AgroalDataSource.FlushMode.GRACEFUL);
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT count(*) FROM duckdb_tables()");
                tidy(c);
                synchronized (this) {
                    unavailable = null;
                    broken = null;
                }
                LOG.infof("DuckDB database reopened after %d ms", (System.nanoTime() - start) / 1_000_000);
                return;
            } catch (SQLException e) {
                last = message(e);
            }
            if (broken == null && System.nanoTime() - start > reopenTimeout.toNanos()) {
                broken = "the embedded database cannot be reopened: " + last;
                unavailable = broken;
                LOG.errorf("DuckDB database not reopened within %s: %s", reopenTimeout, last);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
        }
    }

    private void tidy(Connection c) {
        try {
            cleanup.run(c);
        } catch (SQLException e) {
            LOG.warnf("After reopening DuckDB's database, its leftovers were not dropped: %s", message(e));
        }
    }

    private Object invokeDataSource(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getConnection")) {
            String reason = unavailable;
            if (reason != null) {
                throw new WarehouseUnavailableException(reason, null);
            }
            Connection c = (Connection) call(pool, method, args);
            return wrap(c, Connection.class);
        }
        return call(pool, method, args);
    }

    private Object wrap(Object target, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return call(target, method, args);
            }
            Object result = call(target, method, args);
            if (result instanceof CallableStatement) {
                return wrap(result, CallableStatement.class);
            }
            if (result instanceof PreparedStatement) {
                return wrap(result, PreparedStatement.class);
            }
            if (result instanceof Statement && method.getReturnType() == Statement.class) {
                return wrap(result, Statement.class);
            }
            return result;
        };
        return Proxy.newProxyInstance(DuckDbGuard.class.getClassLoader(), new Class<?>[] { type }, handler);
    }

    /** Calls the real object; a fatal error it throws starts the reopen and is reported as unavailability. */
    private Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql && !(cause instanceof WarehouseUnavailableException)
                    && isFatal(sql)) {
                throw invalidated(sql);
            }
            throw cause;
        }
    }
}
