package com.sparkify.warehouse.warehouse.duckdb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sparkify.warehouse.source.SourceObject;

/**
 * The local event logs of the last scan DuckDB's reader staged ({@link NativeJsonScan}): each file's size,
 * version (its modification time, as listed) and the records the check counted in it, and the fields the
 * check read them by. A later run's check takes a file it finds here unchanged, by the ledger's own test
 * of a changed object (same size and version), as read alike again without parsing it, so a full run over
 * the same logs parses only the new and changed ones. A scan that is declined forgets them all.
 */
final class CheckedFiles {

    private record Checked(long size, String version, long records) {
    }

    private record Scan(List<String> fields, Map<String, Checked> files) {
    }

    private volatile Scan last = new Scan(List.of(), Map.of());

    /**
     * The records of {@code file}, listed as {@code object}, when the last accepted scan checked it by the
     * same {@code fields} and it has not changed since; -1 otherwise.
     */
    long records(List<String> fields, String file, SourceObject object) {
        Scan scan = last;
        Checked checked = scan.fields().equals(fields) ? scan.files().get(file) : null;
        if (checked == null || object.version() == null || checked.size() != object.size()
                || !checked.version().equals(object.version())) {
            return -1;
        }
        return checked.records();
    }

    /** Replaces what is kept by an accepted scan's files ({@code files[i]} listed as {@code objects[i]}, {@code records[i]} records). */
    void accepted(List<String> fields, List<String> files, List<SourceObject> objects, long[] records) {
        Map<String, Checked> kept = new HashMap<>(files.size() * 2);
        for (int i = 0; i < files.size(); i++) {
            SourceObject object = objects.get(i);
            if (object.version() != null) {
                kept.put(files.get(i), new Checked(object.size(), object.version(), records[i]));
            }
        }
        last = new Scan(List.copyOf(fields), Map.copyOf(kept));
    }

    /** Forgets every file: after a declined scan, the next one checks them all again. */
    void forget() {
        last = new Scan(List.of(), Map.of());
    }
}
