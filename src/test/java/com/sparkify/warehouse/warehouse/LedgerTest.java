package com.sparkify.warehouse.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Recording a run's objects: the engine's bulk path gets each entry's values in the table's column order;
 * an engine without one gets multi-row INSERTs of at most {@link Ledger#ROWS_PER_INSERT} objects binding
 * the same values, a null {@code staged_rows} typed BIGINT.
 */
class LedgerTest {

    private static final Instant AT = Instant.parse("2026-12-03T19:00:00Z");
    private static final Ledger.Entry COUNTED = new Ledger.Entry("s3://udacity-dend/log_data/",
            Tables.STAGING_EVENTS, "log_data/2018/11/2018-11-01-events.json", 7151L, "\"9b2c\"", 12L, "run-2", AT);
    private static final Ledger.Entry UNCOUNTED = new Ledger.Entry("s3://udacity-dend/song_data/",
            Tables.STAGING_SONGS, "song_data/A/A/A/TRAAAAK128F9318786.json", 240L, null, null, "run-2", AT);

    /** An engine with a bulk path that keeps what it was given. */
    private static final class Appending extends TestWarehouse {
        final List<Object[]> appended = new ArrayList<>();
        String table;

        @Override
        public boolean append(Connection c, String table, List<Object[]> rows) {
            this.table = table;
            appended.addAll(rows);
            return true;
        }
    }

    /** Statements prepared on a connection and the parameters bound to each, as the driver receives them. */
    private static final class Recorded {
        final List<String> sql = new ArrayList<>();
        final List<List<String>> parameters = new ArrayList<>();

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        if (!method.getName().equals("prepareStatement")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        sql.add((String) args[0]);
                        List<String> bound = new ArrayList<>();
                        parameters.add(bound);
                        return statement(bound);
                    });
        }

        private PreparedStatement statement(List<String> bound) {
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setString", "setLong", "setTimestamp", "setNull" -> {
                                int index = (Integer) args[0];
                                assertThat(index).as("parameters bound in order").isEqualTo(bound.size() + 1);
                                // The Redshift driver binds setString(i, null) as setNull(i, VARCHAR).
                                bound.add(args[1] == null ? "NULL " + Types.VARCHAR
                                        : method.getName().equals("setNull") ? "NULL " + args[1]
                                        : args[1].getClass().getSimpleName() + " " + args[1]);
                                return null;
                            }
                            case "executeUpdate" -> {
                                return 1;
                            }
                            case "close" -> {
                                return null;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }

    @Test
    void shouldHandTheEnginesBulkPathEachEntrysValuesInColumnOrder() throws Exception {
        Appending warehouse = new Appending();

        new Ledger(warehouse).record(new Recorded().connection(), List.of(COUNTED, UNCOUNTED));

        assertThat(warehouse.table).isEqualTo("load_ledger");
        assertThat(warehouse.appended).containsExactly(
                new Object[] { "s3://udacity-dend/log_data/", "staging_events", "log_data/2018/11/2018-11-01-events.json",
                        7151L, "\"9b2c\"", 12L, "run-2", AT },
                new Object[] { "s3://udacity-dend/song_data/", "staging_songs",
                        "song_data/A/A/A/TRAAAAK128F9318786.json", 240L, null, null, "run-2", AT });
    }

    @Test
    void shouldBindTheSameValuesInAMultiRowInsertWhereTheEngineHasNoBulkPath() throws Exception {
        Recorded recorded = new Recorded();

        new Ledger(new TestWarehouse("redshift", null, "nowhere", null)).record(recorded.connection(),
                List.of(COUNTED, UNCOUNTED));

        assertThat(recorded.sql).hasSize(1);
        assertThat(recorded.sql.get(0)).contains("INSERT INTO load_ledger")
                .endsWith("VALUES (?, ?, ?, ?, ?, ?, ?, ?),\n       (?, ?, ?, ?, ?, ?, ?, ?)");
        String at = "Timestamp " + Timestamp.from(AT);
        assertThat(recorded.parameters.get(0)).containsExactly(
                "String s3://udacity-dend/log_data/", "String staging_events",
                "String log_data/2018/11/2018-11-01-events.json", "Long 7151", "String \"9b2c\"", "Long 12",
                "String run-2", at,
                "String s3://udacity-dend/song_data/", "String staging_songs",
                "String song_data/A/A/A/TRAAAAK128F9318786.json", "Long 240", "NULL " + Types.VARCHAR,
                "NULL " + Types.BIGINT, "String run-2", at);
    }

    @Test
    void shouldSplitTheInsertsAtTheRowsPerStatement() throws Exception {
        Recorded recorded = new Recorded();
        List<Ledger.Entry> entries = IntStream.range(0, Ledger.ROWS_PER_INSERT + 1)
                .mapToObj(i -> new Ledger.Entry("s3://b/song_data/", Tables.STAGING_SONGS, "song_data/" + i + ".json",
                        i, "v" + i, null, "run-9", AT))
                .toList();

        new Ledger(new TestWarehouse("redshift", null, "nowhere", null)).record(recorded.connection(), entries);

        assertThat(recorded.parameters).extracting(List::size).containsExactly(8 * Ledger.ROWS_PER_INSERT, 8);
        assertThat(recorded.parameters.get(1)).containsExactly("String s3://b/song_data/", "String staging_songs",
                "String song_data/" + Ledger.ROWS_PER_INSERT + ".json", "Long " + Ledger.ROWS_PER_INSERT,
                "String v" + Ledger.ROWS_PER_INSERT, "NULL " + Types.BIGINT, "String run-9",
                "Timestamp " + Timestamp.from(AT));
    }

    @Test
    void shouldKeepTheStagedRowsTracksBeforeEventsWithTheRunIdInEveryParameter() throws Exception {
        Recorded recorded = new Recorded();

        new Ledger(new TestWarehouse("redshift", null, "nowhere", null)).keepStaged(recorded.connection(), "run-7");

        List<String> tables = new ArrayList<>();
        for (int i = 0; i < recorded.sql.size(); i++) {
            String sql = recorded.sql.get(i);
            Matcher into = Pattern.compile("INSERT INTO (\\w+)").matcher(sql);
            assertThat(into.find()).as(sql).isTrue();
            tables.add(into.group(1));
            // Every placeholder outside the comments is the run's id.
            long placeholders = sql.lines().filter(line -> !line.strip().startsWith("--"))
                    .mapToLong(line -> line.chars().filter(ch -> ch == '?').count()).sum();
            assertThat(placeholders).as(sql).isPositive();
            assertThat(recorded.parameters.get(i)).as(sql).hasSize((int) placeholders).containsOnly("String run-7");
        }
        assertThat(tables).containsExactly("loaded_tracks", "loaded_events", "loaded_songs", "loaded_users");
    }
}
