package com.sparkify.warehouse.run;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import com.sparkify.warehouse.source.ObjectFeed;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SelectedObjects;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.Ledger;

/**
 * One location's {@link IncrementalPlan}, made while the location is listed: each page the listing hands
 * over is compared with the ledger at once (on the listing's thread), and its new objects are handed on
 * to staging straight away. Changed objects, which may bring the objects loaded with them, are added
 * once the listing is complete. The ledger is read beside the listing; pages that come before it are
 * compared once it is read.
 */
final class IncrementalScan {

    private final String stagingTable;
    private final SourceLocation location;
    private final String where;
    private final ObjectFeed chosen = new ObjectFeed();
    private final CompletableFuture<List<String>> leftOut = new CompletableFuture<>();
    private final CompletableFuture<IncrementalPlan> plan = new CompletableFuture<>();
    /** Pages listed before the ledger was read. Guarded by itself. */
    private final List<List<SourceObject>> waiting = new ArrayList<>();
    private final AtomicInteger listed = new AtomicInteger();
    private final AtomicInteger fresh = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();
    private volatile Map<String, Ledger.Loaded> loaded;
    private volatile CompletableFuture<List<String>> listing;

    private IncrementalScan(String stagingTable, SourceLocation location, String where) {
        this.stagingTable = stagingTable;
        this.location = location;
        this.where = where;
    }

    /**
     * Starts comparing {@code source}'s listing of {@code location} with {@code versions} (the ledger's
     * size and version of its objects, being read); {@code entries} are read, on {@code executor}, only when
     * an object changed. {@code where} names the location in failures.
     */
    static IncrementalScan start(String stagingTable, SourceLocation location, String where, ObjectSource source,
            CompletableFuture<Map<String, Ledger.Loaded>> versions, IncrementalPlan.Entries entries, Executor executor) {
        IncrementalScan scan = new IncrementalScan(stagingTable, location, where);
        // Complete once the pages listed before the ledger was read are compared too.
        CompletableFuture<Void> compared = versions.thenAccept(scan::ledgerRead);
        CompletableFuture<List<String>> listing = source.listing(scan::page);
        scan.listing = listing;
        listing.thenCombine(compared, (others, done) -> others)
                .thenApplyAsync(others -> scan.finish(source, others, entries), executor)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        scan.fail(error);
                    }
                });
        return scan;
    }

    /** The chosen objects as a load takes them: new ones as they are listed, changed ones at the end. */
    SelectedObjects selection() {
        return new SelectedObjects(chosen, leftOut, this::stop);
    }

    /** The plan, once the listing is complete and compared. */
    CompletableFuture<IncrementalPlan> plan() {
        return plan;
    }

    /** Stops the listing: the run no longer needs its objects. */
    void stop() {
        CompletableFuture<List<String>> l = listing;
        if (l != null) {
            l.cancel(false);
        }
        chosen.fail(new JobFailure("the incremental run stopped before " + where + " was compared with the ledger"));
    }

    private void page(List<SourceObject> page) {
        listed.addAndGet(page.size());
        synchronized (waiting) {
            if (loaded == null) {
                waiting.add(page);
                return;
            }
        }
        choose(page, loaded);
    }

    private void ledgerRead(Map<String, Ledger.Loaded> map) {
        List<List<SourceObject>> pages;
        synchronized (waiting) {
            loaded = map;
            pages = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (List<SourceObject> page : pages) {
            choose(page, map);
        }
    }

    /** Hands on the page's new objects; counts its changed ones, which wait for the listing's end. */
    private void choose(List<SourceObject> page, Map<String, Ledger.Loaded> map) {
        List<SourceObject> added = new ArrayList<>();
        int changedHere = 0;
        for (SourceObject o : page) {
            Ledger.Loaded e = map.get(o.key());
            if (e == null) {
                added.add(o);
            } else if (IncrementalPlan.changed(e, o)) {
                changedHere++;
            }
        }
        fresh.addAndGet(added.size());
        changed.addAndGet(changedHere);
        if (!added.isEmpty()) {
            chosen.add(added);
        }
    }

    /**
     * The listing is complete and every page compared (the ledger was read before this runs, so no page
     * waits): adds the changed objects and those loaded with them, and ends the choice. The objects listed
     * are not kept (at this scale their copies would cost the walk more in collections than it takes);
     * the rare run with a changed object lists the location again to find the objects loaded with it.
     */
    private IncrementalPlan finish(ObjectSource source, List<String> others, IncrementalPlan.Entries entries) {
        if (listed.get() == 0) {
            throw new JobFailure("no .json objects under " + where);
        }
        IncrementalPlan result;
        if (changed.get() == 0) {
            result = new IncrementalPlan(new ObjectSource.Listing(chosen.objects(), others), List.of(), fresh.get(), 0);
        } else {
            try {
                result = IncrementalPlan.of(stagingTable, location, source.listing(), loaded, entries);
            } catch (SQLException e) {
                throw new CompletionException(e);
            } catch (IOException e) {
                throw new JobFailure("cannot list " + where + ": " + e.getMessage(), e);
            }
            Set<String> handed = new HashSet<>();
            chosen.objects().forEach(o -> handed.add(o.key()));
            List<SourceObject> rest = result.selected().objects().stream().filter(o -> !handed.contains(o.key())).toList();
            if (!rest.isEmpty()) {
                chosen.add(rest);
            }
            result = new IncrementalPlan(new ObjectSource.Listing(chosen.objects(), others), result.replaced(),
                    result.newObjects(), result.changedObjects());
        }
        leftOut.complete(others);
        chosen.end();
        plan.complete(result);
        return result;
    }

    private void fail(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        RuntimeException failure;
        if (cause instanceof JobFailure f) {
            failure = f;
        } else if (cause instanceof java.util.concurrent.CancellationException) {
            failure = new JobFailure("the incremental run stopped before " + where + " was compared with the ledger");
        } else if (cause instanceof SQLException) {
            failure = new JobFailure("cannot read the ledger of " + where + ": " + cause.getMessage(), cause);
        } else {
            failure = new JobFailure("cannot list " + where + ": " + cause.getMessage(), cause);
        }
        leftOut.completeExceptionally(failure);
        plan.completeExceptionally(failure);
        chosen.fail(failure);
    }
}
