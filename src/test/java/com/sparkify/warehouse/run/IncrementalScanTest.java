package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.Ledger;

import org.junit.jupiter.api.Test;

/**
 * Choosing an incremental run's song files while they are listed: new objects are handed on page by page,
 * whether a page comes before or after the ledger is read; changed ones bring the objects loaded with them
 * once the listing is complete.
 */
class IncrementalScanTest {

    private static final SourceLocation SONGS = new SourceLocation.Local(Path.of("/data/song_data"));
    private static final String TABLE = "staging_songs";

    /** A source whose listing hands over pages when the test says, and completes when it says. */
    private static final class HeldListing implements ObjectSource {
        Consumer<List<SourceObject>> pages;
        final CompletableFuture<List<String>> done = new CompletableFuture<>();
        /** What listing the location again finds: only a run with a changed object does. */
        List<SourceObject> again;

        @Override
        public List<SourceObject> list() {
            if (again == null) {
                throw new AssertionError("listed again without a changed object");
            }
            return again;
        }

        @Override
        public CompletableFuture<List<String>> listing(Consumer<List<SourceObject>> pages) {
            this.pages = pages;
            return done;
        }

        @Override
        public InputStream open(SourceObject object) {
            throw new UnsupportedOperationException();
        }
    }

    private static SourceObject object(String name, long size, String version) {
        return new SourceObject("song_data/" + name, size, version);
    }

    private static IncrementalPlan.Entries noEntries() {
        return () -> {
            throw new AssertionError("entries are read only when an object changed");
        };
    }

    @Test
    void shouldChooseTheNewObjectsOfPagesListedBeforeTheLedgerWasRead() throws Exception {
        HeldListing source = new HeldListing();
        CompletableFuture<Map<String, Ledger.Loaded>> versions = new CompletableFuture<>();
        IncrementalScan scan = IncrementalScan.start(TABLE, SONGS, "song_data", source, versions, noEntries(), Runnable::run);
        source.pages.accept(List.of(object("A/a.json", 10, "v1"), object("A/new1.json", 11, "v1")));
        source.pages.accept(List.of(object("B/b.json", 12, "v1"), object("B/new2.json", 13, "v1")));
        source.done.complete(List.of("song_data/B/notes.txt"));

        assertThat(scan.plan()).isNotDone(); // the listing ended, but its pages wait for the ledger
        assertThat(scan.selection().objects().size()).isZero();
        versions.complete(Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"), "song_data/B/b.json",
                new Ledger.Loaded(12, "v1")));

        IncrementalPlan plan = scan.plan().get(10, TimeUnit.SECONDS);
        assertThat(plan.newObjects()).isEqualTo(2);
        assertThat(plan.changedObjects()).isZero();
        assertThat(plan.replaced()).isEmpty();
        assertThat(plan.selected().objects()).extracting(SourceObject::key)
                .containsExactlyInAnyOrder("song_data/A/new1.json", "song_data/B/new2.json");
        ObjectSource.Listing chosen = scan.selection().await();
        assertThat(chosen.objects()).containsExactlyInAnyOrderElementsOf(plan.selected().objects());
        assertThat(chosen.others()).containsExactly("song_data/B/notes.txt");
    }

    @Test
    void shouldHandOnANewObjectBeforeTheListingEnds() throws Exception {
        HeldListing source = new HeldListing();
        IncrementalScan scan = IncrementalScan.start(TABLE, SONGS, "song_data", source,
                CompletableFuture.completedFuture(Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"))), noEntries(),
                Runnable::run);

        source.pages.accept(List.of(object("A/a.json", 10, "v1"), object("A/new.json", 5, "v2")));

        // Staging can take it now, while the rest of the tree is still being listed.
        assertThat(scan.selection().objects().ended()).isFalse();
        assertThat(scan.selection().objects().await(0).key()).isEqualTo("song_data/A/new.json");
        source.pages.accept(List.of(object("C/c.json", 7, "v1")));
        source.done.complete(List.of());
        assertThat(scan.plan().get(10, TimeUnit.SECONDS).newObjects()).isEqualTo(2);
        assertThat(scan.selection().await().objects()).extracting(SourceObject::key)
                .containsExactly("song_data/A/new.json", "song_data/C/c.json");
    }

    @Test
    void shouldAddAChangedObjectAndItsRunsOtherObjectsAtTheEnd() throws Exception {
        HeldListing source = new HeldListing();
        CompletableFuture<Map<String, Ledger.Loaded>> versions = CompletableFuture.completedFuture(Map.of(
                "song_data/A/a.json", new Ledger.Loaded(10, "v1"), "song_data/A/b.json", new Ledger.Loaded(20, "v1"),
                "song_data/C/c.json", new Ledger.Loaded(30, "v1")));
        List<Ledger.Entry> entries = List.of(
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/A/a.json", 10, "v1", null, "run-1", null),
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/A/b.json", 20, "v1", null, "run-1", null),
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/C/c.json", 30, "v1", null, "run-2", null));
        IncrementalScan scan = IncrementalScan.start(TABLE, SONGS, "song_data", source, versions, () -> entries,
                Runnable::run);

        // a.json rewritten (another size), d.json new; b.json loaded in a's run, c.json in another.
        source.pages.accept(List.of(object("A/a.json", 11, "v2"), object("A/b.json", 20, "v1")));
        source.pages.accept(List.of(object("C/c.json", 30, "v1"), object("D/d.json", 40, "v1")));
        source.again = List.of(object("A/a.json", 11, "v2"), object("A/b.json", 20, "v1"), object("C/c.json", 30, "v1"),
                object("D/d.json", 40, "v1"));
        assertThat(scan.selection().objects().objects()).extracting(SourceObject::key).containsExactly("song_data/D/d.json");
        source.done.complete(List.of());

        IncrementalPlan plan = scan.plan().get(10, TimeUnit.SECONDS);
        assertThat(plan.newObjects()).isEqualTo(1);
        assertThat(plan.changedObjects()).isEqualTo(1);
        assertThat(plan.replaced()).containsExactly(new com.sparkify.warehouse.warehouse.TransformService.Replaced(TABLE,
                "run-1"));
        assertThat(scan.selection().await().objects()).extracting(SourceObject::key)
                .containsExactlyInAnyOrder("song_data/D/d.json", "song_data/A/a.json", "song_data/A/b.json");
        assertThat(plan.selected().objects()).hasSize(3);
    }

    @Test
    void shouldFailWhenTheLocationHoldsNoObjects() {
        HeldListing source = new HeldListing();
        IncrementalScan scan = IncrementalScan.start(TABLE, SONGS, "/data/song_data", source,
                CompletableFuture.completedFuture(Map.of()), noEntries(), Runnable::run);
        source.done.complete(List.of("song_data/readme.txt"));

        assertThatThrownBy(() -> scan.plan().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(JobFailure.class).hasMessage("no .json objects under /data/song_data");
        assertThatThrownBy(() -> scan.selection().await()).isInstanceOf(JobFailure.class)
                .hasMessage("no .json objects under /data/song_data");
    }

    @Test
    void shouldNameTheLocationWhenTheListingFails() {
        HeldListing source = new HeldListing();
        IncrementalScan scan = IncrementalScan.start(TABLE, SONGS, "/data/song_data", source,
                CompletableFuture.completedFuture(Map.of()), noEntries(), Runnable::run);
        source.done.completeExceptionally(new NoSuchFileException("/data/song_data"));

        assertThatThrownBy(() -> scan.selection().await()).isInstanceOf(JobFailure.class)
                .hasMessage("cannot list /data/song_data: /data/song_data");
    }

    @Test
    void shouldStopTheListingWhenTheRunNoLongerNeedsIt() {
        HeldListing source = new HeldListing();
        IncrementalScan scan = IncrementalScan.start(TABLE, SONGS, "/data/song_data", source,
                CompletableFuture.completedFuture(Map.of()), noEntries(), Runnable::run);

        scan.stop();

        assertThat(source.done).isCancelled();
        assertThat(scan.selection().objects().failure()).isInstanceOf(JobFailure.class);
    }

}
