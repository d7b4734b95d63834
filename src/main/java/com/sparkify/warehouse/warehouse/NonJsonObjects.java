package com.sparkify.warehouse.warehouse;

import java.util.List;

import com.sparkify.warehouse.source.SourceLocation;

/**
 * Objects under a source folder whose keys do not end in {@code .json}. Both engines leave them out of
 * the load, and the run names them in its details so that nothing is skipped silently.
 */
public final class NonJsonObjects {

    /** Keys named in full; beyond them the detail only counts. */
    public static final int NAMED = 20;

    private NonJsonObjects() {
    }

    /** The run's detail key for a source field, e.g. {@code songData_not_json}. */
    public static String detailKey(String field) {
        return field + "_not_json";
    }

    /** One sentence naming the keys (the first {@link #NAMED}) and how many there are. */
    public static String describe(SourceLocation location, List<String> keys) {
        String named = String.join(", ", keys.subList(0, Math.min(NAMED, keys.size())));
        return keys.size() + " object" + (keys.size() == 1 ? "" : "s") + " under " + location
                + " not loaded because the key does not end in .json: " + named
                + (keys.size() > NAMED ? ", ..." : "");
    }

    /** Records the keys in the run's details when there are any. */
    public static void record(WorkListener listener, String field, SourceLocation location, List<String> keys) {
        if (!keys.isEmpty()) {
            listener.detail(detailKey(field), describe(location, keys));
        }
    }
}
