package com.sparkify.warehouse.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Replaces the star schema from the staging tables and checks it, all in one transaction: readers see
 * the previous star schema until the new one has passed every check, and a failed check or a
 * cancellation leaves the previous one in place.
 */
@ApplicationScoped
public class TransformService {

    /** A data-quality check: a SQL resource returning the number of violations. */
    record Check(String name, String sql, Map<String, String> values, String what) {
    }

    static final List<Check> CHECKS = checks();

    private final Warehouse warehouse;

    public TransformService(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Returns every check's result; throws {@link ChecksFailed} when any found violations. */
    public List<CheckResult> transform(WorkListener listener) throws SQLException {
        SqlLibrary sql = warehouse.sql();
        List<CheckResult> checked = new ArrayList<>();
        Transactions.inTransaction(warehouse.dataSource(), listener, (c, s) -> {
            for (String table : Tables.STAR) {
                s.executeUpdate(sql.render("transform/clear_table", Map.of("table", table)));
            }
            for (String table : Tables.STAR) {
                WorkListener.Step step = listener.step("load_" + table);
                long rows = s.executeUpdate(sql.get("transform/insert_" + table));
                step.succeed(rows);
            }
            WorkListener.Step checking = listener.step("quality_checks");
            List<CheckResult> results = runChecks(s);
            checked.addAll(results);
            List<CheckResult> failed = results.stream().filter(r -> !r.passed()).toList();
            if (!failed.isEmpty()) {
                throw new ChecksFailed("data-quality check" + (failed.size() == 1 ? "" : "s") + " failed, "
                        + "the previous star schema is kept: " + String.join("; ",
                                failed.stream().map(f -> f.name() + " (" + f.detail() + ")").toList()), results);
            }
            checking.succeed((long) results.size());
        });
        return List.copyOf(checked);
    }

    /**
     * All checks in one statement, each check's query a scalar subquery: one round trip instead of
     * one per check, and the engine plans them together.
     */
    private List<CheckResult> runChecks(Statement s) throws SQLException {
        List<String> columns = new ArrayList<>(CHECKS.size());
        for (int i = 0; i < CHECKS.size(); i++) {
            Check check = CHECKS.get(i);
            columns.add("(\n" + warehouse.sql().render(check.sql(), check.values()) + "\n) AS check_" + i);
        }
        List<CheckResult> results = new ArrayList<>(CHECKS.size());
        try (ResultSet rs = s.executeQuery("SELECT " + String.join(",\n", columns))) {
            rs.next();
            for (int i = 0; i < CHECKS.size(); i++) {
                Check check = CHECKS.get(i);
                long violations = rs.getLong(i + 1);
                results.add(new CheckResult(check.name(), violations == 0, violations + " " + check.what()));
            }
        }
        return results;
    }

    private static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (String table : Tables.STAR) {
            checks.add(new Check(table + "_not_empty", "checks/not_empty", Map.of("table", table),
                    "empty tables"));
        }
        Map<String, String> keys = Map.of(Tables.SONGPLAYS, "songplay_id", Tables.USERS, "user_id",
                Tables.SONGS, "song_id", Tables.ARTISTS, "artist_id", Tables.TIME, "start_time");
        for (String table : Tables.STAR) {
            String key = keys.get(table);
            checks.add(new Check(table + "_" + key + "_not_null", "checks/no_null_key",
                    Map.of("table", table, "key", key), "rows with a NULL " + key));
        }
        checks.add(new Check("songplays_start_time_not_null", "checks/no_null_key",
                Map.of("table", Tables.SONGPLAYS, "key", "start_time"), "rows with a NULL start_time"));
        for (String table : Tables.STAR) {
            String key = keys.get(table);
            checks.add(new Check(table + "_" + key + "_unique", "checks/unique_key",
                    Map.of("table", table, "key", key), "duplicate " + key + " values"));
        }
        checks.add(new Check("songplays_start_time_in_time", "checks/songplay_time_exists", Map.of(),
                "songplays without a time row"));
        checks.add(new Check("songplays_user_id_in_users", "checks/songplay_user_exists", Map.of(),
                "songplays without a users row"));
        return List.copyOf(checks);
    }
}
