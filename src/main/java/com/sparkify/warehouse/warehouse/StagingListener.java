package com.sparkify.warehouse.warehouse;

import java.util.List;

import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;

/**
 * What an engine's staging reports while it loads: the objects it listed, each object done, rows per
 * table, and every bad record. Safe to call from the loader's threads.
 */
public interface StagingListener extends WorkListener {

    /** The objects a load listed, with their bytes. */
    void listed(List<SourceObject> objects);

    /** The objects a load listed at {@code location} (the song or log location), which it is about to load. */
    default void listed(SourceLocation location, List<SourceObject> objects) {
        listed(objects);
    }

    /** One object read whole. */
    void objectDone(long bytes);

    /** Rows appended to a staging table since the last report. */
    void rowsStaged(String table, long rows);

    /** Takes back what a load reported before it was abandoned, so the load that replaces it counts afresh. */
    void retract(long objects, long bytes, String table, long rows);

    /** A record that could not be loaded. */
    void loadError(LoadError error);
}
