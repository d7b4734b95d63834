package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.warehouse.SqlLibrary;

/**
 * The start-up warm-up really runs the loader: every generated song file and event goes through the
 * record paths and the appender, twice, into a scratch catalog; the warehouse keeps no trace of it and
 * the pooled connection comes back in the warehouse's own catalog.
 */
class LoaderWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadEveryGeneratedRecordOnEachPassAndLeaveTheWarehouseAsItWas() throws Exception {
        try (Connection warehouse = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("my-warehouse.duckdb"))) {
            long rows = new LoaderWarmUp(new OneConnection(warehouse), new SqlLibrary("duckdb"), new ObjectMapper()).run();

            // 1,000 one-song files and 20,000 events, loaded twice: a record lost or refused would show.
            assertThat(rows).isEqualTo(2 * (1_000 + 20_000));
            try (Statement s = warehouse.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_database(), "
                            + "(SELECT count(*) FROM duckdb_databases() WHERE database_name = 'sparkify_warm_up'), "
                            + "(SELECT count(*) FROM duckdb_tables())")) {
                rs.next();
                // A file name that is no plain identifier still finds its way back.
                assertThat(rs.getString(1)).isEqualTo("my-warehouse");
                assertThat(rs.getLong(2)).isZero();
                assertThat(rs.getLong(3)).isZero();
            }
        }
    }

    /** One connection, handed out as a pool would and kept open when the borrower closes it. */
    private record OneConnection(Connection connection) implements DataSource {
        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> method.getName().equals("close") ? null
                            : method.invoke(connection, args));
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
