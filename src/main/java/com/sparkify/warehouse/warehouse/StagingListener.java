package com.sparkify.warehouse.warehouse;

import java.util.List;

import com.sparkify.warehouse.source.SourceObject;

/**
 * What an engine's staging reports while it loads: the objects it listed, each object done, rows per
 * table, and every bad record. Safe to call from the loader's threads.
 */
public interface StagingListener extends WorkListener {

    /**
     * The listing of the sources started: until {@link #listingEnded()} the objects listed are not the
     * totals yet, while loading may already have started.
     */
    void listingStarted();

    /** The objects a load listed, with their bytes; a listing still running reports each page. */
    void listed(List<SourceObject> objects);

    /** Every source is listed: the objects and bytes listed are the run's totals. */
    void listingEnded();

    /** One object read whole. */
    void objectDone(long bytes);

    /** Rows appended to a staging table since the last report. */
    void rowsStaged(String table, long rows);

    /** Takes back what a load reported before it was abandoned, so the load that replaces it counts afresh. */
    void retract(long objects, long bytes, String table, long rows);

    /** A record that could not be loaded. */
    void loadError(LoadError error);
}
