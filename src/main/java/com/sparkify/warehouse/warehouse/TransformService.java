package com.sparkify.warehouse.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Replaces the star schema from the staging tables and checks it, all in one transaction: readers see
 * the previous star schema until the new one has passed every check, and a failed check or a
 * cancellation leaves the previous one in place.
 */
@ApplicationScoped
public class TransformService {

    /** A ledger table of kept rows and the staging table whose objects it keeps them for. */
    private record Kept(String table, String stagingTable) {
    }

    /** In the order a merge removes the kept rows of objects loaded again. */
    private static final List<Kept> KEPT = List.of(new Kept(Tables.LOADED_EVENTS, Tables.STAGING_EVENTS),
            new Kept(Tables.LOADED_TRACKS, Tables.STAGING_EVENTS), new Kept(Tables.LOADED_USERS, Tables.STAGING_EVENTS),
            new Kept(Tables.LOADED_SONGS, Tables.STAGING_SONGS));

    /** Dimension tables whose rows of replaced runs a merge deletes, to pick them again over everything loaded. */
    private static final List<String> TOUCHED = List.of(Tables.SONGS, Tables.ARTISTS, Tables.USERS);

    /** A data-quality check: a SQL resource returning the number of violations. */
    record Check(String name, String sql, Map<String, String> values, String what) {
    }

    static final List<Check> CHECKS = checks();

    private final Warehouse warehouse;
    private final Ledger ledger;

    @Inject
    public TransformService(Warehouse warehouse, Ledger ledger) {
        this.warehouse = warehouse;
        this.ledger = ledger;
    }

    /** A transform without a ledger (tests of the transform alone). */
    public TransformService(Warehouse warehouse) {
        this(warehouse, new Ledger(warehouse));
    }

    /** Returns every check's result; throws {@link ChecksFailed} when any found violations. */
    public List<CheckResult> transform(WorkListener listener) throws SQLException {
        return transform(listener, null, null);
    }

    /**
     * Replaces the star schema from the staging tables and, when {@code runId} is given, rebuilds the
     * ledger from {@code entries} and keeps the staged rows as that run's, in the same transaction as the
     * checks. Throws {@link ChecksFailed} when a check found violations.
     */
    public List<CheckResult> transform(WorkListener listener, String runId, List<Ledger.Entry> entries)
            throws SQLException {
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
            if (runId != null) {
                WorkListener.Step recording = listener.step("record_ledger");
                for (String table : List.of(Tables.LOAD_LEDGER, Tables.LOADED_EVENTS, Tables.LOADED_TRACKS,
                        Tables.LOADED_SONGS, Tables.LOADED_USERS)) {
                    s.executeUpdate(sql.render("transform/clear_table", Map.of("table", table)));
                }
                ledger.keepStaged(c, runId);
                ledger.record(c, entries);
                recording.succeed((long) entries.size());
            }
            checked.addAll(check(listener, s));
        });
        return List.copyOf(checked);
    }

    /** An earlier run whose objects of a staging table an incremental run loads again, as one of them changed. */
    public record Replaced(String stagingTable, String runId) {
    }

    /**
     * Merges the staging tables (an incremental run's new and changed objects) into the star schema, as
     * run {@code runId}: the rows of the {@code replaced} runs' objects give way to their new versions,
     * new plays are added once each, songs, artists and users touched are picked again over everything
     * loaded, plays are matched again where their song may have changed, and {@code entries} go into the
     * ledger. All in one transaction with the checks over the whole star schema.
     */
    public List<CheckResult> merge(WorkListener listener, String runId, List<Replaced> replaced,
            List<Ledger.Entry> entries) throws SQLException {
        SqlLibrary sql = warehouse.sql();
        List<CheckResult> checked = new ArrayList<>();
        Transactions.inTransaction(warehouse.dataSource(), listener, (c, s) -> {
            WorkListener.Step replacing = listener.step("merge_replace");
            // A play holds only a song_id songs has: when no song this run loads was there, no play holds one.
            boolean songsLoadedAgain = s.executeUpdate(sql.get("merge/delete_staged_songs")) > 0;
            s.executeUpdate(sql.get("merge/delete_staged_artists"));
            s.executeUpdate(sql.get("merge/delete_staged_users"));
            long gone = 0;
            // Nothing loaded again: no song, artist, user, play, kept row or ledger entry to give way, and
            // these statements would each read the rows loaded to find none; merge_replaced is read only here.
            if (!replaced.isEmpty()) {
                s.executeUpdate(sql.render("transform/clear_table", Map.of("table", Tables.MERGE_REPLACED)));
                try (PreparedStatement ps = c.prepareStatement(sql.get("merge/insert_replaced"))) {
                    for (Replaced r : replaced) {
                        ps.setString(1, r.stagingTable());
                        ps.setString(2, r.runId());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                for (String table : TOUCHED) { // while the replaced runs' kept rows that find them are there
                    s.executeUpdate(sql.get("merge/delete_replaced_" + table));
                }
                gone = s.executeUpdate(sql.get("merge/delete_replaced_plays"));
                for (Kept kept : KEPT) {
                    s.executeUpdate(sql.render("merge/delete_replaced_rows", Map.of("table", kept.table(),
                            "staging_table", SqlLibrary.literal(kept.stagingTable()))));
                }
                s.executeUpdate(sql.get("merge/delete_replaced_entries"));
            }
            ledger.keepStaged(c, runId);
            replacing.succeed(gone);

            WorkListener.Step plays = listener.step("merge_songplays");
            plays.succeed((long) s.executeUpdate(sql.get("merge/insert_songplays")));
            WorkListener.Step rematch = listener.step("rematch_songplays");
            long rematched = s.executeUpdate(rematch(sql, "staged_tracks"));
            if (songsLoadedAgain) {
                rematched += s.executeUpdate(rematch(sql, "staged_song_ids"));
            }
            if (replaced.stream().anyMatch(r -> r.stagingTable().equals(Tables.STAGING_SONGS))) {
                rematched += s.executeUpdate(rematch(sql, "gone_song_ids"));
            }
            rematch.succeed(rematched);
            for (String table : List.of(Tables.USERS, Tables.SONGS, Tables.ARTISTS)) {
                WorkListener.Step step = listener.step("merge_" + table);
                step.succeed((long) s.executeUpdate(sql.get("merge/insert_" + table)));
            }
            WorkListener.Step time = listener.step("merge_time");
            if (!replaced.isEmpty()) {
                s.executeUpdate(sql.get("merge/delete_orphan_time")); // only plays given way leave a time row alone
            }
            time.succeed((long) s.executeUpdate(sql.get("merge/insert_time")));
            WorkListener.Step recording = listener.step("record_ledger");
            ledger.record(c, entries);
            recording.succeed((long) entries.size());
            checked.addAll(check(listener, s));
        });
        return List.copyOf(checked);
    }

    /** The re-match of the plays {@code merge/rematch/<candidates>} finds, by the full run's rule. */
    private static String rematch(SqlLibrary sql, String candidates) {
        return sql.render("merge/rematch_songplays", Map.of("candidates", sql.get("merge/rematch/" + candidates)));
    }

    /** Runs every check inside the caller's transaction; throws {@link ChecksFailed} when any found violations. */
    private List<CheckResult> check(WorkListener listener, Statement s) throws SQLException {
        WorkListener.Step checking = listener.step("quality_checks");
        List<CheckResult> results = runChecks(s);
        List<CheckResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            throw new ChecksFailed("data-quality check" + (failed.size() == 1 ? "" : "s") + " failed, "
                    + "the previous star schema is kept: " + String.join("; ",
                            failed.stream().map(f -> f.name() + " (" + f.detail() + ")").toList()), results);
        }
        checking.succeed((long) results.size());
        return results;
    }

    /**
     * Every check's result: where the engine wants them in one statement, each check's query a scalar
     * subquery (one round trip instead of one per check, and the engine plans them together).
     */
    private List<CheckResult> runChecks(Statement s) throws SQLException {
        long[] violations = new long[CHECKS.size()];
        if (warehouse.checksInOneStatement()) {
            List<String> columns = new ArrayList<>(CHECKS.size());
            for (int i = 0; i < CHECKS.size(); i++) {
                columns.add("(\n" + checkQuery(CHECKS.get(i)) + "\n) AS check_" + i);
            }
            try (ResultSet rs = s.executeQuery("SELECT " + String.join(",\n", columns))) {
                rs.next();
                for (int i = 0; i < CHECKS.size(); i++) {
                    violations[i] = rs.getLong(i + 1);
                }
            }
        } else {
            for (int i = 0; i < CHECKS.size(); i++) {
                try (ResultSet rs = s.executeQuery(checkQuery(CHECKS.get(i)))) {
                    rs.next();
                    violations[i] = rs.getLong(1);
                }
            }
        }
        List<CheckResult> results = new ArrayList<>(CHECKS.size());
        for (int i = 0; i < CHECKS.size(); i++) {
            Check check = CHECKS.get(i);
            results.add(new CheckResult(check.name(), violations[i] == 0, detail(check, violations[i])));
        }
        return results;
    }

    private String checkQuery(Check check) {
        return warehouse.sql().render(check.sql(), check.values());
    }

    /** "3 duplicate song_id values"; a table's emptiness is a yes or no, not a count ("0 empty tables"). */
    private static String detail(Check check, long violations) {
        if (check.sql().equals("checks/not_empty")) {
            return check.values().get("table") + (violations == 0 ? " has rows" : " is empty");
        }
        return violations + " " + check.what();
    }

    private static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (String table : Tables.STAR) {
            checks.add(new Check(table + "_not_empty", "checks/not_empty", Map.of("table", table),
                    "table is empty"));
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
