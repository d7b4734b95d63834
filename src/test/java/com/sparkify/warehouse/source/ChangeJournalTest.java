package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;

/**
 * The journal of a watched folder: after a walk whose run committed, it names exactly the files changed since
 * (new, rewritten in place, in a new directory), as they are now, and nothing it may have missed: a lost
 * notification, a directory moved away, a ledger changed by anything else or a run that did not commit all
 * send the next run back to a whole listing. Changes made just before a run reads the journal are in it
 * (the kernel's queue is read up to the run's own notification, not waited on for a while).
 */
class ChangeJournalTest {

    private Path root;
    private ChangeJournal journal;

    @BeforeEach
    void watchable() throws IOException {
        assumeTrue(FileSystems.getDefault().newWatchService().getClass().getName().endsWith("LinuxWatchService"),
                "the kernel's notifications (Linux)");
        Path dir = Fixtures.newRoot("journal");
        root = Files.createDirectories(dir.resolve("song_data"));
        assumeTrue(ChangeJournal.LOCAL_FILE_SYSTEMS.contains(Files.getFileStore(root).type()), "a local file system");
        journal = new ChangeJournal(true, dir.resolve("service"));
        write("song_data/A/B/one.json", "{\"a\": 1}");
        write("song_data/A/C/two.json", "{\"b\": 22}");
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void shouldNameTheFilesChangedSinceTheCommittedWalkAsTheyAreNow() throws IOException {
        walkAndCommit("state 1");
        assertThat(changes("state 1").objects()).isEmpty();

        write("song_data/A/B/three.json", "{\"c\": 333}");
        Path two = root.resolve("A/C/two.json");
        Files.writeString(two, "{\"b\": 99}"); // rewritten in place, same size
        Files.setLastModifiedTime(two, FileTime.fromMillis(1_000_000_000_000L));
        write("song_data/D/E/four.json", "{\"d\": 4444}"); // two directories new to the walk
        write("song_data/A/B/notes.txt", "x");
        write("song_data/A/B/gone.json", "{}");
        Files.delete(root.resolve("A/B/gone.json"));

        ChangeJournal.Changes changes = changes("state 1");

        assertThat(changes.objects()).containsExactly(
                new SourceObject("song_data/A/B/three.json", 10, version(root.resolve("A/B/three.json"))),
                new SourceObject("song_data/A/C/two.json", 9, "2001-09-09T01:46:40Z"),
                new SourceObject("song_data/D/E/four.json", 11, version(root.resolve("D/E/four.json"))));
        assertThat(changes.others()).containsExactly("song_data/A/B/notes.txt");
        // What a whole listing gives for the same files.
        List<SourceObject> listed = new LocalObjectSource(root).list();
        assertThat(listed).containsAll(changes.objects());
    }

    @Test
    void shouldNoteATouchARenameOverALoadedFileAndATreeMovedIn() throws IOException {
        walkAndCommit("state 1");
        Files.setLastModifiedTime(root.resolve("A/B/one.json"), FileTime.fromMillis(1_500_000_000_000L)); // touch only
        Path replacement = root.getParent().resolve("two.tmp");
        Files.writeString(replacement, "{\"b\": 23}");
        Files.move(replacement, root.resolve("A/C/two.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path tree = root.getParent().resolve("incoming");
        Files.createDirectories(tree.resolve("F/G"));
        Files.writeString(tree.resolve("F/G/five.json"), "{}");
        Files.move(tree, root.resolve("E")); // a whole tree, in one rename

        assertThat(changes("state 1").objects()).extracting(SourceObject::key).containsExactly(
                "song_data/A/B/one.json", "song_data/A/C/two.json", "song_data/E/F/G/five.json");
        write("song_data/E/F/G/six.json", "{}"); // the tree moved in is watched too
        assertThat(changes("state 1").objects()).extracting(SourceObject::key).contains("song_data/E/F/G/six.json");
    }

    @Test
    void shouldNotWatchAFolderInsideAWatchedOne() throws IOException {
        walkAndCommit("state 1");
        Path inner = root.resolve("A");
        ChangeJournal.Mark mark = journal.beforeWalk(inner);
        new LocalObjectSource(inner, journal).listing();
        mark.committed("inner state");
        write("song_data/A/B/seven.json", "{}");

        assertThat(journal.changes(inner, "inner state")).as("the kernel notifies one of the two").isEmpty();
        assertThat(changes("state 1").objects()).extracting(SourceObject::key).containsExactly("song_data/A/B/seven.json");
    }

    @Test
    void shouldForgetWhatACommittedRunReadAndKeepWhatChangedAfter() throws IOException {
        walkAndCommit("state 1");
        write("song_data/A/B/three.json", "{\"c\": 333}");
        ChangeJournal.Changes read = changes("state 1");
        assertThat(read.objects()).extracting(SourceObject::key).containsExactly("song_data/A/B/three.json");

        write("song_data/A/B/five.json", "{\"e\": 5}"); // after the run read the journal
        read.mark().committed("state 2");

        assertThat(changes("state 2").objects()).extracting(SourceObject::key)
                .containsExactly("song_data/A/B/five.json");
        assertThat(journal.changes(root, "state 1")).as("the ledger moved on from state 1").isEmpty();
    }

    @Test
    void shouldKeepEverythingForTheNextRunWhenARunDidNotCommit() throws IOException {
        walkAndCommit("state 1");
        write("song_data/A/B/three.json", "{\"c\": 333}");
        changes("state 1"); // a run read it, then failed: no commit

        assertThat(changes("state 1").objects()).extracting(SourceObject::key)
                .containsExactly("song_data/A/B/three.json");
    }

    @Test
    void shouldSeeAFileWrittenJustBeforeTheRunReadsTheJournal() throws IOException {
        walkAndCommit("state 0");
        for (int i = 0; i < 30; i++) {
            String key = "song_data/A/B/new-" + i + ".json";
            write(key, "{}");
            ChangeJournal.Changes changes = changes("state " + i);
            assertThat(changes.objects()).as("run %d", i).extracting(SourceObject::key).containsExactly(key);
            changes.mark().committed("state " + (i + 1));
        }
    }

    @Test
    void shouldSendTheNextRunToAWholeListingWhenADirectoryIsMovedAway() throws IOException {
        walkAndCommit("state 1");
        Files.move(root.resolve("A/C"), root.getParent().resolve("elsewhere"));
        assertThat(journal.changes(root, "state 1")).isEmpty();

        walkAndCommit("state 2");
        assertThat(journal.changes(root, "state 2")).isPresent();
    }

    @Test
    void shouldWatchAFolderReplacedUnderTheSamePathAfreshFromItsNextWalk() throws IOException {
        walkAndCommit("state 1");
        Files.move(root, root.resolveSibling("song_data_old"));
        write("song_data/A/B/one.json", "{\"a\": 2}");
        assertThat(journal.changes(root, "state 1")).as("another directory: its changes are not the journal's").isEmpty();

        walkAndCommit("state 2");
        write("song_data/A/B/two.json", "{}");
        assertThat(changes("state 2").objects()).extracting(SourceObject::key).containsExactly("song_data/A/B/two.json");
    }

    @Test
    void shouldSendTheNextRunToAWholeListingWhenNotificationsWereLost() throws IOException {
        walkAndCommit("state 1");
        journal.note(null, new WatchEvent<Object>() {
            @Override
            public Kind<Object> kind() {
                return StandardWatchEventKinds.OVERFLOW;
            }

            @Override
            public int count() {
                return 1;
            }

            @Override
            public Object context() {
                return null;
            }
        });
        assertThat(journal.changes(root, "state 1")).isEmpty();
    }

    @Test
    void shouldOfferNothingBeforeAWalkCommittedOrWhenWatchingIsOff() throws IOException {
        assertThat(journal.changes(root, "state 1")).as("never walked").isEmpty();
        ChangeJournal.Mark mark = journal.beforeWalk(root);
        new LocalObjectSource(root, journal).listing();
        assertThat(journal.changes(root, null)).as("walked, not committed").isEmpty();
        mark.committed("state 1");
        assertThat(journal.changes(root, "state 1")).isPresent();

        ChangeJournal off = new ChangeJournal(false, root.getParent().resolve("off"));
        ChangeJournal.Mark offMark = off.beforeWalk(root);
        new LocalObjectSource(root, off).listing();
        offMark.committed("state 1");
        assertThat(off.changes(root, "state 1")).isEmpty();
    }

    private void walkAndCommit(String ledgerState) throws IOException {
        ChangeJournal.Mark mark = journal.beforeWalk(root);
        new LocalObjectSource(root, journal).listing();
        mark.committed(ledgerState);
    }

    private ChangeJournal.Changes changes(String ledgerState) throws IOException {
        Optional<ChangeJournal.Changes> changes = journal.changes(root, ledgerState);
        assertThat(changes).as("the journal goes on from " + ledgerState).isPresent();
        return changes.get();
    }

    private void write(String key, String content) throws IOException {
        Path file = root.getParent().resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String version(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().toString();
    }
}
