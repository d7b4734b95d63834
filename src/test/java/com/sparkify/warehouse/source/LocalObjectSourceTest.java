package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing local sources with the parallel directory walk: every {@code .json} file of a deep tree
 * exactly once, with S3-style keys, sorted, and nothing reached through a symbolic link.
 */
class LocalObjectSourceTest {

    @TempDir
    Path tmp;

    @Test
    void shouldListEveryJsonFileOfANestedTreeOnceSortedByKey() throws IOException {
        Path root = tmp.resolve("song_data");
        List<SourceObject> expected = new ArrayList<>();
        // 30 leaf directories three levels down, under 12 intermediate ones, 5 files each with sizes all
        // different; created out of key order so the sort is the listing's doing.
        for (int d = 29; d >= 0; d--) {
            String dir = "song_data/" + (char) ('A' + d % 3) + "/" + (char) ('A' + d % 9) + "/dir" + d;
            for (int f = 0; f < 5; f++) {
                expected.add(write(dir + "/TR" + d + "x" + f + ".json", 10 * d + f + 1));
            }
            write(dir + "/notes.txt", 3);
            write(dir + "/TR" + d + ".json.bak", 3);
        }
        expected.add(write("song_data/top.json", 7));
        expected.add(write("song_data/B/middle.json", 8));
        expected.add(write("song_data/C/UPPER.JSON", 9));
        write("song_data/json", 4);
        Files.createDirectories(root.resolve("A/empty/deeper"));
        expected.sort(Comparator.comparing(SourceObject::key));

        List<SourceObject> listed = new LocalObjectSource(root).list();

        assertThat(listed).hasSize(30 * 5 + 3).containsExactlyElementsOf(expected);
        assertThat(listed).extracting(SourceObject::key)
                .isSorted()
                .doesNotHaveDuplicates()
                .allMatch(key -> key.startsWith("song_data/") && !key.contains("\\"))
                .contains("song_data/C/UPPER.JSON", "song_data/A/A/dir0/TR0x0.json");
    }

    @Test
    void shouldOpenListedObjectsByKey() throws IOException {
        write("log_data/2018/11/2018-11-01-events.json", 12);
        LocalObjectSource source = new LocalObjectSource(tmp.resolve("log_data"));

        SourceObject object = source.list().get(0);
        try (InputStream in = source.open(object)) {
            assertThat(in.readAllBytes()).hasSize(12);
        }
    }

    @Test
    void shouldNotFollowSymbolicLinksOutOfTheTree() throws IOException {
        write("outside/secret.json", 5);
        write("outside/dir/private.json", 6);
        SourceObject inside = write("song_data/A/song.json", 7);
        Path root = tmp.resolve("song_data");
        try {
            Files.createSymbolicLink(root.resolve("A/linked.json"), tmp.resolve("outside/secret.json"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here: " + e);
        }
        Files.createSymbolicLink(root.resolve("linked-dir"), tmp.resolve("outside/dir"));
        // A link back up the tree would make a following walk loop or list files twice.
        Files.createSymbolicLink(root.resolve("A/loop"), root);

        assertThat(new LocalObjectSource(root).list()).containsExactly(inside);
    }

    @Test
    void shouldFailOnAMissingRoot() {
        assertThatThrownBy(() -> new LocalObjectSource(tmp.resolve("missing")).list())
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldListARootThatIsOneFile() throws IOException {
        SourceObject jsonPaths = write("log_json_path.json", 42);
        write("other.json", 1);

        assertThat(new LocalObjectSource(tmp.resolve("log_json_path.json")).list()).containsExactly(jsonPaths);
    }

    @Test
    void shouldListNothingInAnEmptyDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("log_data/2018"));

        assertThat(new LocalObjectSource(tmp.resolve("log_data")).list()).isEmpty();
    }

    /** Writes {@code size} bytes at {@code key} under the temporary directory; the object expected for it. */
    private SourceObject write(String key, int size) throws IOException {
        Path file = tmp.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, "x".repeat(size).getBytes(StandardCharsets.US_ASCII));
        // The version the ledger compares: the file's modification time, as written.
        return new SourceObject(key, size, Files.getLastModifiedTime(file).toInstant().toString());
    }
}
