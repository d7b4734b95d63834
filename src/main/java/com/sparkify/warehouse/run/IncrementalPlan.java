package com.sparkify.warehouse.run;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.Ledger;
import com.sparkify.warehouse.warehouse.TransformService;

/**
 * What an incremental run loads of one location: the listed objects the ledger does not hold, those
 * whose size or version changed, and, for a changed one, every object its run loaded with it (the rows
 * of objects loaded together are told apart only as a group), whose rows it then replaces.
 */
record IncrementalPlan(ObjectSource.Listing selected, List<TransformService.Replaced> replaced, int newObjects,
        int changedObjects) {

    /** The ledger's entries of one staging table with their runs: read only when a listed object changed. */
    interface Entries {
        List<Ledger.Entry> read() throws SQLException;
    }

    /**
     * The plan for {@code listing} of {@code location} (staged into {@code stagingTable}) against {@code loaded},
     * the ledger's size and version of each of that location's objects; {@code entries} are read only when
     * an object changed, to find the objects its run loaded with it.
     *
     * @throws JobFailure when a changed object was loaded together with one that is gone from the source
     */
    static IncrementalPlan of(String stagingTable, SourceLocation location, ObjectSource.Listing listing,
            Map<String, Ledger.Loaded> loaded, Entries entries) throws SQLException {
        String source = location.toString();
        Set<String> keys = new HashSet<>();
        List<SourceObject> changedObjects = new ArrayList<>();
        int fresh = 0;
        for (SourceObject o : listing.objects()) {
            Ledger.Loaded e = loaded.get(o.key());
            if (e == null) {
                keys.add(o.key());
                fresh++;
            } else if (changed(e, o)) {
                keys.add(o.key());
                changedObjects.add(o);
            }
        }
        Set<String> runs = new LinkedHashSet<>();
        if (!changedObjects.isEmpty()) {
            Map<String, SourceObject> listed = new HashMap<>();
            listing.objects().forEach(o -> listed.put(o.key(), o));
            Map<String, List<Ledger.Entry>> byRun = new HashMap<>();
            Map<String, String> runOf = new HashMap<>();
            for (Ledger.Entry e : entries.read()) {
                byRun.computeIfAbsent(e.runId(), r -> new ArrayList<>()).add(e);
                if (e.source().equals(source)) {
                    runOf.put(e.key(), e.runId());
                }
            }
            changedObjects.forEach(o -> runs.add(runOf.get(o.key())));
            for (String run : runs) {
                for (Ledger.Entry mate : byRun.get(run)) {
                    if (!mate.source().equals(source) || !listed.containsKey(mate.key())) {
                        String changedKey = changedObjects.stream().map(SourceObject::key)
                                .filter(k -> run.equals(runOf.get(k))).findFirst().orElse("an object");
                        throw new JobFailure(changedKey + " changed since run " + run + " loaded it, together with "
                                + mate.key() + " (under " + mate.source() + "), which is not under " + source
                                + " any more: the rows of objects loaded together cannot be told apart, so this "
                                + "incremental run cannot replace the changed object's alone. A full run (\"mode\": "
                                + "\"full\") reloads everything");
                    }
                    keys.add(mate.key());
                }
            }
        }
        List<SourceObject> objects = listing.objects().stream().filter(o -> keys.contains(o.key())).toList();
        List<TransformService.Replaced> replaced = runs.stream()
                .map(r -> new TransformService.Replaced(stagingTable, r)).toList();
        return new IncrementalPlan(new ObjectSource.Listing(objects, listing.others()), replaced, fresh,
                changedObjects.size());
    }

    /** Size, or a version both sides know, differs. */
    static boolean changed(Ledger.Loaded e, SourceObject o) {
        if (e.size() != o.size()) {
            return true;
        }
        return e.version() != null && o.version() != null && !Objects.equals(e.version(), o.version());
    }

    boolean isEmpty() {
        return selected.objects().isEmpty();
    }
}
