package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * Whether a run fits in the data directory, judged from its listing before anything is staged: the
 * staged rows, the transform's temporary storage, the write-ahead log and the checkpoint that folds it
 * in all grow with the input's bytes. Space DuckDB freed inside its file (a replaced table's blocks) is
 * reused before the file grows, so it counts as free.
 */
final class StorageEstimate {

    /**
     * Bytes of the data directory a run may take per byte of JSON it lists: the peak growth measured on
     * generated and real data (BENCHMARKS.md, "Disk space of a run"), with a margin.
     */
    static final double BYTES_PER_LISTED_BYTE = 2.0;

    /** What a run needs and what the directory has. */
    record Outcome(Path directory, long needed, long free) {
        boolean fits() {
            return needed <= free;
        }

        String describe() {
            return "the run needs about " + bytes(needed) + " in " + directory + " (staged rows, the transform's "
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
        long needed = (long) Math.ceil(listedBytes * BYTES_PER_LISTED_BYTE);
        return new Outcome(directory, needed, usable() + reusable());
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
