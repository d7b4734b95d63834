package com.sparkify.warehouse.warehouse.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.source.LocalObjectSource;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.ReadAhead;
import com.sparkify.warehouse.source.SourceObject;

/**
 * Compaction of small JSON files into gzip JSON-lines parts: the parts hold exactly the readable
 * records, in order; a bad record is reported with its original object and line and left out; and every
 * line of every part maps back to the object and line it came from.
 */
class CompactorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path source;

    @TempDir
    Path parts;

    /** Writes {@code files} song files of one record each, the record naming its file. */
    private List<String> songFiles(int files) throws IOException {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            // Every record the same length, so equal parts hold equal counts.
            String record = String.format("{\"song_id\":\"S%04d\",\"title\":\"Song %04d\",\"duration\":%d.5}", i, i,
                    100 + i);
            Path file = source.resolve(String.format("song_data/A/%s/TR%04d.json", (char) ('A' + i % 3), i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, record);
            records.add(record);
        }
        return records;
    }

    /** Each part's lines as it was handed over, read before the compactor deletes its file. */
    private final Map<String, List<String>> written = new LinkedHashMap<>();

    private Compactor.Listener listener(Predicate<Compactor.BadRecord> bad) {
        return new Compactor.Listener() {
            @Override
            public boolean bad(Compactor.BadRecord record) {
                return bad.test(record);
            }

            @Override
            public void written(Compactor.Part part) throws IOException {
                assertThat(part.compressedBytes()).isEqualTo(Files.size(part.file()));
                written.put(part.name(), lines(part.file()));
            }
        };
    }

    private Compactor.Result compact(List<SourceObject> objects, ObjectSource from, int parts,
            List<Compactor.BadRecord> bad) throws IOException {
        try (Prefetch reader = ReadAhead.start(from, objects, 2, 1024 * 1024)) {
            return new Compactor(JSON, 1L << 30, 1 << 20).compact(objects, reader, parts, "staging_songs", this.parts,
                    listener(bad::add));
        }
    }

    private static List<String> lines(Path gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            return List.of(text.substring(0, text.length() - 1).split("\n", -1));
        }
    }

    @Test
    void shouldWriteExactlyTheRecordsIntoTheGivenNumberOfParts() throws IOException {
        List<String> records = songFiles(40);
        ObjectSource from = new LocalObjectSource(source.resolve("song_data"));
        List<SourceObject> objects = from.list();
        List<Compactor.BadRecord> bad = new ArrayList<>();

        Compactor.Result result = compact(objects, from, 4, bad);

        assertThat(result.parts()).hasSize(4);
        assertThat(bad).isEmpty();
        List<String> all = new ArrayList<>();
        for (Compactor.Part part : result.parts()) {
            List<String> lines = written.get(part.name());
            assertThat(lines).hasSize((int) part.records());
            all.addAll(lines);
            // Handed over, then deleted: the disk holds one part at a time.
            assertThat(part.file()).doesNotExist();
        }
        // The listing's order (by key) and each file's record, nothing more or less.
        List<String> expected = new ArrayList<>();
        for (SourceObject o : objects) {
            expected.add(Files.readString(source.resolve(o.key())));
        }
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(all).containsExactlyInAnyOrderElementsOf(records);
        assertThat(result.parts()).extracting(Compactor.Part::name)
                .containsExactly("staging_songs-0000.json.gz", "staging_songs-0001.json.gz",
                        "staging_songs-0002.json.gz", "staging_songs-0003.json.gz");
        // Equal-sized files: ten to a part.
        assertThat(result.parts()).extracting(Compactor.Part::records).containsOnly(10L);
    }

    @Test
    void shouldLeaveOutAndReportBadRecordsAndMapEveryPartLineBack() throws IOException {
        Path logs = source.resolve("log_data");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("a.json"), "{\"ts\":1}\n{\"ts\":2}\n\n{\"ts\":3}\n");
        Files.writeString(logs.resolve("b.json"), "{\"ts\":4}\n{\"ts\": oops}\n{\"ts\":5}\n[1,2]\n{\"ts\":6}\n");
        // A pretty-printed record (lines 1-4) and two records on one line (line 5): one line each in the part.
        Files.writeString(logs.resolve("c.json"), "{\n  \"ts\": 7,\n  \"page\": \"a b\"\n}\n{\"ts\":8}{\"ts\":9}\n");
        ObjectSource from = new LocalObjectSource(logs);
        List<SourceObject> objects = from.list();
        List<Compactor.BadRecord> bad = new ArrayList<>();

        Compactor.Result result = compact(objects, from, 1, bad);

        assertThat(bad).extracting(Compactor.BadRecord::object, Compactor.BadRecord::line)
                .containsExactly(tuple("log_data/b.json", 2L),
                        tuple("log_data/b.json", 4L));
        assertThat(bad.get(0).reason()).startsWith("malformed JSON");
        assertThat(bad.get(0).raw()).isEqualTo("{\"ts\": oops}");
        assertThat(bad.get(1).reason()).isEqualTo("expected a JSON object");
        assertThat(bad.get(1).raw()).startsWith("[1,2]");

        Compactor.Part part = result.parts().get(0);
        assertThat(written.get(part.name())).containsExactly("{\"ts\":1}", "{\"ts\":2}", "{\"ts\":3}", "{\"ts\":4}",
                "{\"ts\":5}", "{\"ts\":6}", "{   \"ts\": 7,   \"page\": \"a b\" }", "{\"ts\":8}", "{\"ts\":9}");
        assertThat(part.records()).isEqualTo(9);
        // Part line -> original object and line: the blank line 3 of a.json and the bad lines of b.json
        // are skipped, so the numbering of what follows them still names the original lines.
        assertThat(result.origin("s3://stage/run/" + part.name(), 3)).isEqualTo(new Compactor.Origin("log_data/a.json", 4));
        assertThat(result.origin(part.name(), 4)).isEqualTo(new Compactor.Origin("log_data/b.json", 1));
        assertThat(result.origin(part.name(), 5)).isEqualTo(new Compactor.Origin("log_data/b.json", 3));
        assertThat(result.origin(part.name(), 6)).isEqualTo(new Compactor.Origin("log_data/b.json", 5));
        assertThat(result.origin(part.name(), 7)).isEqualTo(new Compactor.Origin("log_data/c.json", 1));
        assertThat(result.origin(part.name(), 8)).isEqualTo(new Compactor.Origin("log_data/c.json", 5));
        assertThat(result.origin(part.name(), 9)).isEqualTo(new Compactor.Origin("log_data/c.json", 5));
        assertThat(result.origin(part.name(), 10)).isNull();
    }

    @Test
    void shouldStopWhenTheErrorsPassTheLimit() throws IOException {
        Path logs = source.resolve("log_data");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("a.json"), "nope\n{\"ts\":1}\nnope again\n");
        ObjectSource from = new LocalObjectSource(logs);
        List<SourceObject> objects = from.list();
        List<Compactor.BadRecord> seen = new ArrayList<>();

        Compactor.Result result;
        try (Prefetch reader = ReadAhead.start(from, objects, 0, 1024)) {
            result = new Compactor(JSON, 1L << 30, 1 << 20).compact(objects, reader, 1, "x", parts,
                    listener(b -> seen.add(b) && seen.size() <= 1));
        }

        assertThat(result).isNull();
        assertThat(written).isEmpty();
        try (var left = Files.list(parts)) {
            assertThat(left).isEmpty();
        }
        assertThat(seen).extracting(Compactor.BadRecord::line).containsExactly(1L, 3L);
    }

    @Test
    void shouldAddPartsInMultiplesOfTheSlicesWhenOneWouldPassTheLimit() {
        Compactor compactor = new Compactor(JSON, 1_000, 1 << 20);
        List<SourceObject> small = List.of(new SourceObject("a", 1_500), new SourceObject("b", 1_500));
        // 3,000 bytes over 4 slices fits within 1,000 a part: one part per slice.
        assertThat(compactor.partCount(small, 4)).isEqualTo(4);
        // 9,000 bytes: 4 parts would hold 2,250 each, 8 would hold 1,125, 12 hold 750.
        List<SourceObject> big = List.of(new SourceObject("a", 4_500), new SourceObject("b", 4_500));
        assertThat(compactor.partCount(big, 4)).isEqualTo(12);
    }
}
