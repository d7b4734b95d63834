package com.sparkify.warehouse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An increment of a generated data set: one more day of events by the set's users, one new song in a
 * hundred, nothing of the set rewritten. Read back from the files, independently of the generator.
 */
class IncrementTest {

    /** 200 songs (so 2 new ones per increment), 20 users who all play in ten days of 3,000 events each. */
    private static final GeneratorOptions BASE = GeneratorOptions.builder().seed(7).songs(200).users(20).days(10)
            .events(30_000).build();

    @Test
    void shouldAddTheNextDayAndOneSongInAHundredWithoutTouchingTheSet(@TempDir Path dir) throws IOException {
        new SampleDataGenerator().generate(BASE, new DirectorySink(dir));
        GeneratedFiles base = GeneratedFiles.read(dir);

        GenerationSummary summary = new SampleDataGenerator().generateIncrement(BASE, 1, new DirectorySink(dir));
        GeneratedFiles after = GeneratedFiles.read(dir);

        Map<String, byte[]> added = new HashMap<>(after.files);
        base.files.forEach((path, content) -> {
            assertThat(after.files.get(path)).as(path + " unchanged").isEqualTo(content);
            added.remove(path);
        });
        List<String> newSongs = added.keySet().stream().filter(p -> p.startsWith("song_data/")).toList();
        assertThat(newSongs).hasSize(2);
        assertThat(added.keySet()).containsExactlyInAnyOrder(newSongs.get(0), newSongs.get(1),
                "log_data/2018/11/2018-11-11-events.json");
        assertThat(summary.songFiles()).isEqualTo(2);

        List<GeneratedFiles.Event> day = after.events.stream()
                .filter(e -> e.file().equals("log_data/2018/11/2018-11-11-events.json")).toList();
        assertThat(summary.events()).isEqualTo(day.size());
        // About one day's share of the events (the days vary by weekday and noise).
        assertThat(day.size()).isBetween(1_000, 6_000);
        assertThat(day).allSatisfy(e -> assertThat(e.json().get("ts").asLong())
                .isBetween(1_541_894_400_000L, 1_541_980_799_999L));

        // The same users, with the same names: a user of the day is one of the set's.
        Map<String, String> baseUsers = users(base.events);
        Map<String, String> dayUsers = users(day);
        assertThat(dayUsers).isNotEmpty();
        assertThat(baseUsers).containsAllEntriesOf(dayUsers);
        assertThat(summary.users()).isEqualTo(dayUsers.size());

        // The new songs are new, and the day plays old and new catalog songs.
        Set<String> baseSongIds = base.songs.stream().map(s -> s.get("song_id").asText()).collect(Collectors.toSet());
        List<JsonNode> newSongJson = after.songs.stream()
                .filter(s -> !baseSongIds.contains(s.get("song_id").asText())).toList();
        assertThat(newSongJson).hasSize(2);
        Set<String> catalog = new HashSet<>();
        after.songs.forEach(s -> catalog.add(key(s.get("title").asText(), s.get("artist_name").asText(),
                s.get("duration").asText())));
        Set<String> newKeys = newSongJson.stream().map(s -> key(s.get("title").asText(),
                s.get("artist_name").asText(), s.get("duration").asText())).collect(Collectors.toSet());
        List<String> plays = day.stream().filter(e -> e.page().equals("NextSong"))
                .map(e -> key(e.text("song"), e.text("artist"), e.json().get("length").asText())).toList();
        assertThat(summary.nextSongEvents()).isEqualTo(plays.size());
        assertThat(summary.matchedPlays()).isEqualTo(plays.stream().filter(catalog::contains).count());
        assertThat(plays.stream().filter(newKeys::contains).count()).as("plays of the new songs").isPositive();
    }

    @Test
    void shouldMakeEachIncrementTheDayAfterThePreviousOne(@TempDir Path dir) throws IOException {
        new SampleDataGenerator().generateIncrement(BASE, 1, new DirectorySink(dir));
        GeneratedFiles first = GeneratedFiles.read(dir);
        new SampleDataGenerator().generateIncrement(BASE, 2, new DirectorySink(dir));
        GeneratedFiles both = GeneratedFiles.read(dir);

        assertThat(both.eventFiles).containsExactly("log_data/2018/11/2018-11-11-events.json",
                "log_data/2018/11/2018-11-12-events.json");
        assertThat(both.songFiles).hasSize(4).containsAll(first.songFiles);
        first.files.forEach((path, content) -> assertThat(both.files.get(path)).isEqualTo(content));
    }

    @Test
    void shouldWriteAnIncrementFromTheCommandLine(@TempDir Path dir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = GenerateCommand.run(new String[] {"generate", "--out", dir.toString(), "--seed", "7", "--songs",
            "200", "--users", "20", "--days", "10", "--events", "30000", "--increment", "1"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(GenerateCommand.OK);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("Generated increment 1 of the data set of "
                + "these options: 2 new song files").contains(" for 2018-11-11 into ");
        assertThat(GeneratedFiles.read(dir).eventFiles).containsExactly("log_data/2018/11/2018-11-11-events.json");
    }

    /** userId to "first last" of the logged-in events. */
    private static Map<String, String> users(List<GeneratedFiles.Event> events) {
        Map<String, String> users = new HashMap<>();
        for (GeneratedFiles.Event e : events) {
            if (!e.text("userId").isEmpty()) {
                users.put(e.text("userId"), e.text("firstName") + " " + e.text("lastName"));
            }
        }
        return users;
    }

    private static String key(String title, String artist, String length) {
        return title + "\n" + artist + "\n" + new java.math.BigDecimal(length).stripTrailingZeros().toPlainString();
    }
}
