package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.Ledger;
import com.sparkify.warehouse.warehouse.TransformService;

import org.junit.jupiter.api.Test;

/**
 * Choosing an incremental run's objects of one location: the listed objects the ledger does not hold, and a
 * changed one with every object its run loaded with it.
 */
class IncrementalPlanTest {

    private static final SourceLocation SONGS = new SourceLocation.Local(Path.of("/data/song_data"));
    private static final String TABLE = "staging_songs";

    private static SourceObject object(String name, long size, String version) {
        return new SourceObject("song_data/" + name, size, version);
    }

    private static IncrementalPlan.Entries noEntries() {
        return () -> {
            throw new AssertionError("entries are read only when an object changed");
        };
    }

    @Test
    void shouldChooseTheObjectsTheLedgerDoesNotHold() throws Exception {
        ObjectSource.Listing listing = new ObjectSource.Listing(List.of(object("A/a.json", 10, "v1"),
                object("A/new1.json", 11, "v1"), object("B/b.json", 12, "v1"), object("B/new2.json", 13, "v1")),
                List.of("song_data/B/notes.txt"));
        Map<String, Ledger.Loaded> loaded = Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"),
                "song_data/B/b.json", new Ledger.Loaded(12, "v1"));

        IncrementalPlan plan = IncrementalPlan.of(TABLE, SONGS, listing, loaded, noEntries());

        assertThat(plan.newObjects()).isEqualTo(2);
        assertThat(plan.changedObjects()).isZero();
        assertThat(plan.replaced()).isEmpty();
        assertThat(plan.selected().objects()).extracting(SourceObject::key)
                .containsExactly("song_data/A/new1.json", "song_data/B/new2.json");
        assertThat(plan.selected().others()).containsExactly("song_data/B/notes.txt");
    }

    @Test
    void shouldChooseAChangedObjectWithItsRunsOtherObjects() throws Exception {
        Map<String, Ledger.Loaded> loaded = Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"),
                "song_data/A/b.json", new Ledger.Loaded(20, "v1"), "song_data/C/c.json", new Ledger.Loaded(30, "v1"),
                "song_data/C/e.json", new Ledger.Loaded(50, "v1"));
        List<Ledger.Entry> entries = List.of(
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/A/a.json", 10, "v1", null, "run-1", null),
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/A/b.json", 20, "v1", null, "run-1", null),
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/C/c.json", 30, "v1", null, "run-2", null),
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/C/e.json", 50, "v1", null, "run-2", null));
        // a.json rewritten (another size), e.json rewritten (same size, another version), d.json new;
        // b.json was loaded in a's run, c.json in e's.
        ObjectSource.Listing listing = new ObjectSource.Listing(List.of(object("A/a.json", 11, "v2"),
                object("A/b.json", 20, "v1"), object("C/c.json", 30, "v1"), object("C/e.json", 50, "v2"),
                object("D/d.json", 40, "v1")), List.of());

        IncrementalPlan plan = IncrementalPlan.of(TABLE, SONGS, listing, loaded, () -> entries);

        assertThat(plan.newObjects()).isEqualTo(1);
        assertThat(plan.changedObjects()).isEqualTo(2);
        assertThat(plan.replaced()).containsExactlyInAnyOrder(new TransformService.Replaced(TABLE, "run-1"),
                new TransformService.Replaced(TABLE, "run-2"));
        assertThat(plan.selected().objects()).extracting(SourceObject::key).containsExactly("song_data/A/a.json",
                "song_data/A/b.json", "song_data/C/c.json", "song_data/C/e.json", "song_data/D/d.json");
    }

    @Test
    void shouldRefuseAChangedObjectWhoseRunLoadedAnObjectGoneSince() {
        Map<String, Ledger.Loaded> loaded = Map.of("song_data/A/a.json", new Ledger.Loaded(10, "v1"),
                "song_data/A/b.json", new Ledger.Loaded(20, "v1"));
        List<Ledger.Entry> entries = List.of(
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/A/a.json", 10, "v1", null, "run-1", null),
                new Ledger.Entry(SONGS.toString(), TABLE, "song_data/A/b.json", 20, "v1", null, "run-1", null));
        ObjectSource.Listing listing = new ObjectSource.Listing(List.of(object("A/a.json", 11, "v2")), List.of());

        assertThatThrownBy(() -> IncrementalPlan.of(TABLE, SONGS, listing, loaded, () -> entries))
                .isInstanceOf(JobFailure.class)
                .hasMessageStartingWith("song_data/A/a.json changed since run run-1 loaded it, together with "
                        + "song_data/A/b.json");
    }
}
