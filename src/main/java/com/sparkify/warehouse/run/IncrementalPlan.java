package com.sparkify.warehouse.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * The plan for {@code listing} of {@code location} (staged into {@code stagingTable}) against the ledger's
     * {@code entries} for that table.
     *
     * @throws JobFailure when a changed object was loaded together with one that is gone from the source
     */
    static IncrementalPlan of(String stagingTable, SourceLocation location, ObjectSource.Listing listing,
            List<Ledger.Entry> entries) {
        String source = location.toString();
        Map<String, Ledger.Entry> loaded = new HashMap<>();
        Map<String, List<Ledger.Entry>> byRun = new HashMap<>();
        for (Ledger.Entry e : entries) {
            byRun.computeIfAbsent(e.runId(), r -> new ArrayList<>()).add(e);
            if (e.source().equals(source)) {
                loaded.put(e.key(), e);
            }
        }
        Map<String, SourceObject> listed = new LinkedHashMap<>();
        listing.objects().forEach(o -> listed.put(o.key(), o));
        Set<String> keys = new LinkedHashSet<>();
        Set<String> runs = new LinkedHashSet<>();
        int fresh = 0;
        int changed = 0;
        for (SourceObject o : listing.objects()) {
            Ledger.Entry e = loaded.get(o.key());
            if (e == null) {
                keys.add(o.key());
                fresh++;
            } else if (changed(e, o)) {
                keys.add(o.key());
                runs.add(e.runId());
                changed++;
            }
        }
        for (String run : runs) {
            for (Ledger.Entry mate : byRun.get(run)) {
                if (!mate.source().equals(source) || !listed.containsKey(mate.key())) {
                    String changedKey = byRun.get(run).stream().map(Ledger.Entry::key)
                            .filter(k -> listed.containsKey(k) && changed(loaded.get(k), listed.get(k)))
                            .findFirst().orElse("an object");
                    throw new JobFailure(changedKey + " changed since run " + run + " loaded it, together with "
                            + mate.key() + " (under " + mate.source() + "), which is not under " + source
                            + " any more: the rows of objects loaded together cannot be told apart, so this "
                            + "incremental run cannot replace the changed object's alone. A full run (\"mode\": "
                            + "\"full\") reloads everything");
                }
                keys.add(mate.key());
            }
        }
        List<SourceObject> objects = listing.objects().stream().filter(o -> keys.contains(o.key())).toList();
        List<TransformService.Replaced> replaced = runs.stream()
                .map(r -> new TransformService.Replaced(stagingTable, r)).toList();
        return new IncrementalPlan(new ObjectSource.Listing(objects, listing.others()), replaced, fresh, changed);
    }

    /** Size, or a version both sides know, differs. */
    private static boolean changed(Ledger.Entry e, SourceObject o) {
        if (e.size() != o.size()) {
            return true;
        }
        return e.version() != null && o.version() != null && !Objects.equals(e.version(), o.version());
    }

    boolean isEmpty() {
        return selected.objects().isEmpty();
    }
}
