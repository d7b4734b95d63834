package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * Whether a run fits in the data directory, judged from its listing against the space free before
 * anything is staged (a listing that overlaps loading is checked page by page, before the page's objects
 * are read): the staged rows, the transform's temporary storage, the write-ahead log and the checkpoint that folds it
 * in all grow with the input's bytes. Space DuckDB freed inside its file (a replaced table's blocks) is
 * reused before the file grows, so it counts as free.
 */
final class StorageEstimate {

    /**
     * Bytes of the data directory a run may take per byte of JSON it lists: the peak growth measured on
     * generated and real data (BENCHMARKS.md, "Disk space of a run"), with a margin.
     */
    static final double BYTES_PER_LISTED_BYTE = 2.0;

    /** What a run needs ({@code partial}: by the part of its listing seen so far) and what the directory has. */
    record Outcome(Path directory, long needed, long free, boolean partial) {
        boolean fits() {
            return needed <= free;
        }

        String describe() {
            return "the run needs " + (partial ? "at least" : "about") + " " + bytes(needed) + " in " + directory + " (staged rows, the transform's "
                    + "temporary storage, the write-ahead log and its checkpoint) and " + bytes(free)
                    + " is free: free some space or give sparkify.data-dir a larger volume";
        }
    }

    private final Path directory;
    private final DataSource dataSource;

    StorageEstimate(Path directory, DataSource dataSource) {
        this.directory = directory;
        this.dataSource = dataSource;
    }

    /** The outcome for a run that listed {@code listedBytes} of JSON. */
    Outcome check(long listedBytes) throws SQLException {
        return budget().add(listedBytes, false);
    }

    /** The space free now, before a run writes anything, to check its listing against as it grows. */
    Budget budget() throws SQLException {
        return new Budget(usable() + reusable());
    }

    /** A run's free space, taken once, and the bytes it has listed so far. Safe to call from any thread. */
    final class Budget {
        private final long free;
        private final AtomicLong listed = new AtomicLong();

        private Budget(long free) {
            this.free = free;
        }

        /** Adds listed bytes: the outcome for all bytes listed so far, {@code partial} while the listing runs. */
        Outcome add(long listedBytes, boolean partial) {
            long total = listed.addAndGet(listedBytes);
            return new Outcome(directory, (long) Math.ceil(total * BYTES_PER_LISTED_BYTE), free, partial);
        }
    }

    private long usable() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: DuckDB's own error will say it if space runs out
        }
    }

    /** Free blocks inside the database file, which DuckDB fills before it grows the file. */
    private long reusable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT block_size, free_blocks FROM pragma_database_size() "
                        + "WHERE database_name = current_database()")) {
            return rs.next() ? rs.getLong(1) * rs.getLong(2) : 0;
        }
    }

    /** Bytes for people: {@code 12.3 MB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = { "KB", "MB", "GB", "TB" };
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }
}
