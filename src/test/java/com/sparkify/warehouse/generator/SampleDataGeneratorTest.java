package com.sparkify.warehouse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates one small data set and checks layout, types, counts and behaviour against it. */
class SampleDataGeneratorTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder()
            .seed(7)
            .songs(120)
            .users(40)
            .days(7)
            .startDate(LocalDate.of(2018, 11, 1))
            .events(3000)
            .build();

    private static final Pattern SONG_KEY =
            Pattern.compile("song_data/([A-Z])/([A-Z])/([A-Z])/(TR[A-Z0-9]{16})\\.json");
    private static final Pattern EVENT_KEY =
            Pattern.compile("log_data/(\\d{4})/(\\d{2})/(\\d{4}-\\d{2}-\\d{2})-events\\.json");
    private static final Set<String> LOGGED_OUT_PAGES = Set.of("Home", "Login", "About", "Help");

    @TempDir
    static Path outputDir;

    private static GenerationSummary summary;
    private static GeneratedFiles generated;

    @BeforeAll
    static void generate() throws IOException {
        summary = new SampleDataGenerator().generate(OPTIONS, new DirectorySink(outputDir));
        generated = GeneratedFiles.read(outputDir);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDifferentOnes(@TempDir Path again, @TempDir Path other)
            throws IOException {
        new SampleDataGenerator().generate(OPTIONS, new DirectorySink(again));
        new SampleDataGenerator().generate(OPTIONS.toBuilder().seed(8).build(), new DirectorySink(other));

        Map<String, byte[]> first = generated.files;
        Map<String, byte[]> second = GeneratedFiles.read(again).files;
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        for (String key : first.keySet()) {
            assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
        }

        GeneratedFiles different = GeneratedFiles.read(other);
        assertThat(different.songFiles).doesNotContainAnyElementsOf(generated.songFiles);
        String day = "log_data/2018/11/2018-11-05-events.json";
        assertThat(different.text(day)).isNotEqualTo(generated.text(day));
    }

    @Test
    void summaryMatchesAnIndependentRecountOfTheFiles() {
        Set<String> artistIds = new HashSet<>();
        generated.songs.forEach(song -> artistIds.add(song.get("artist_id").asText()));
        Set<String> userIds = new HashSet<>();
        long nextSongs = 0;
        for (GeneratedFiles.Event event : generated.events) {
            if (!event.text("userId").isEmpty()) {
                userIds.add(event.text("userId"));
            }
            if (event.page().equals("NextSong")) {
                nextSongs++;
            }
        }

        assertThat(summary.songFiles()).isEqualTo(generated.songFiles.size()).isEqualTo(OPTIONS.songs());
        assertThat(summary.artists()).isEqualTo(artistIds.size()).isEqualTo(OPTIONS.artists());
        assertThat(summary.events()).isEqualTo(generated.events.size()).isEqualTo(OPTIONS.events());
        assertThat(summary.nextSongEvents()).isEqualTo(nextSongs);
        assertThat(summary.users()).isEqualTo(userIds.size()).isBetween(1, OPTIONS.users());
        assertThat(summary.days()).isEqualTo(generated.eventFiles.size()).isEqualTo(OPTIONS.days());
        assertThat(summary.matchedPlays()).isEqualTo(countMatchedPlays());
        assertThat(summary.bytesWritten()).isEqualTo(generated.totalBytes());
        assertThat(generated.files).hasSize(OPTIONS.songs() + OPTIONS.days() + 1);
    }

    @Test
    void songFilesFollowTheMillionSongDatasetLayoutAndTypes() {
        for (String key : generated.songFiles) {
            var matcher = SONG_KEY.matcher(key);
            assertThat(matcher.matches()).as(key).isTrue();
            String trackId = matcher.group(4);
            assertThat(matcher.group(1) + matcher.group(2) + matcher.group(3)).isEqualTo(trackId.substring(2, 5));

            String text = generated.text(key);
            assertThat(text).startsWith("{\"num_songs\": 1, \"artist_id\": \"").endsWith("}").doesNotContain("\n");
            assertThat(isAscii(text)).as(key).isTrue();
        }
        Map<String, Integer> songsPerArtist = new HashMap<>();
        for (JsonNode song : generated.songs) {
            assertThat(fieldNames(song)).containsExactlyElementsOf(SampleDataGenerator.SONG_FIELDS);
            assertThat(song.get("num_songs").isInt()).isTrue();
            assertThat(song.get("num_songs").asInt()).isEqualTo(1);
            assertThat(song.get("artist_id").asText()).matches("AR[A-Z0-9]{16}");
            assertThat(song.get("song_id").asText()).matches("SO[A-Z0-9]{16}");
            JsonNode latitude = song.get("artist_latitude");
            JsonNode longitude = song.get("artist_longitude");
            assertThat(latitude.isNull()).isEqualTo(longitude.isNull());
            if (!latitude.isNull()) {
                assertThat(latitude.isDouble()).isTrue();
                assertThat(longitude.isDouble()).isTrue();
                assertThat(latitude.asDouble()).isBetween(-90.0, 90.0);
            }
            assertThat(song.get("artist_location").isTextual()).isTrue();
            assertThat(song.get("artist_name").isTextual()).isTrue();
            assertThat(song.get("title").isTextual()).isTrue();
            assertThat(song.get("duration").isDouble()).isTrue();
            assertThat(song.get("duration").asText()).matches("\\d+\\.\\d{1,5}");
            assertThat(song.get("year").isInt()).isTrue();
            int year = song.get("year").asInt();
            assertThat(year == 0 || year >= 1927 && year <= 2010).as("year %d", year).isTrue();
            songsPerArtist.merge(song.get("artist_id").asText(), 1, Integer::sum);
        }
        // Artists have one or more songs, and the same artist always has the same name.
        assertThat(songsPerArtist.values()).contains(1).anyMatch(count -> count > 1);
        Map<String, String> nameById = new HashMap<>();
        for (JsonNode song : generated.songs) {
            String previous = nameById.putIfAbsent(song.get("artist_id").asText(), song.get("artist_name").asText());
            assertThat(previous == null || previous.equals(song.get("artist_name").asText())).isTrue();
        }
        // Like the real files, a good share of artists has no coordinates and many songs no year.
        long withoutCoordinates = generated.songs.stream().filter(s -> s.get("artist_latitude").isNull()).count();
        long withoutYear = generated.songs.stream().filter(s -> s.get("year").asInt() == 0).count();
        long songs = generated.songs.size();
        assertThat(withoutCoordinates).isBetween(songs * 45 / 100, songs * 85 / 100);
        assertThat(withoutYear).isBetween(songs * 35 / 100, songs * 65 / 100);
    }

    @Test
    void eventFilesHoldOneDayOfJsonLinesWithTheRealFieldTypes() {
        for (String key : generated.eventFiles) {
            var matcher = EVENT_KEY.matcher(key);
            assertThat(matcher.matches()).as(key).isTrue();
            LocalDate date = LocalDate.parse(matcher.group(3));
            assertThat(matcher.group(1)).isEqualTo(String.format("%04d", date.getYear()));
            assertThat(matcher.group(2)).isEqualTo(String.format("%02d", date.getMonthValue()));
            assertThat(date).isBetween(OPTIONS.startDate(), OPTIONS.startDate().plusDays(OPTIONS.days() - 1L));
            assertThat(generated.text(key)).doesNotEndWith("\n").doesNotContain("\r");
        }
        Map<String, Integer> pages = new HashMap<>();
        for (GeneratedFiles.Event event : generated.events) {
            JsonNode e = event.json();
            assertThat(fieldNames(e)).containsExactlyElementsOf(SampleDataGenerator.EVENT_FIELDS);
            assertThat(event.line()).doesNotContain(" \"").startsWith("{\"artist\":");
            assertThat(isAscii(event.line())).as(event.line()).isTrue();

            LocalDate day = Instant.ofEpochMilli(e.get("ts").asLong()).atZone(ZoneOffset.UTC).toLocalDate();
            assertThat(event.file()).endsWith(day + "-events.json");
            assertThat(e.get("ts").isIntegralNumber()).isTrue();
            assertThat(e.get("itemInSession").isInt()).isTrue();
            assertThat(e.get("sessionId").isIntegralNumber()).isTrue();
            assertThat(e.get("status").isInt()).isTrue();
            assertThat(e.get("level").asText()).isIn("free", "paid");
            assertThat(e.get("method").asText()).isIn("GET", "PUT");
            assertThat(e.get("userId").isTextual()).isTrue();

            String page = event.page();
            pages.merge(page, 1, Integer::sum);
            if (page.equals("NextSong")) {
                assertThat(e.get("artist").isTextual()).isTrue();
                assertThat(e.get("song").isTextual()).isTrue();
                assertThat(e.get("length").isDouble()).isTrue();
                assertThat(e.get("method").asText()).isEqualTo("PUT");
                assertThat(e.get("status").asInt()).isEqualTo(200);
            } else {
                assertThat(e.get("artist").isNull()).isTrue();
                assertThat(e.get("song").isNull()).isTrue();
                assertThat(e.get("length").isNull()).isTrue();
            }
            if (e.get("auth").asText().equals("Logged In")) {
                assertThat(e.get("userId").asText()).matches("[1-9][0-9]*");
                assertThat(Integer.parseInt(e.get("userId").asText())).isBetween(1, OPTIONS.users());
                for (String field : List.of("firstName", "lastName", "location", "userAgent")) {
                    assertThat(e.get(field).isTextual()).as(field).isTrue();
                }
                assertThat(e.get("gender").asText()).isIn("F", "M");
                assertThat(e.get("location").asText()).matches(".+, [A-Z]{2}(-[A-Z]{2})*");
                assertThat(e.get("registration").isDouble()).isTrue();
                assertThat(e.get("registration").asLong()).isLessThan(e.get("ts").asLong());
                assertThat(event.line()).contains("\"userAgent\":\"").contains("\\/");
            } else {
                assertThat(e.get("auth").asText()).isEqualTo("Logged Out");
                assertThat(e.get("userId").asText()).isEmpty();
                assertThat(page).isIn(LOGGED_OUT_PAGES);
                for (String field : List.of("firstName", "gender", "lastName", "location", "registration",
                        "userAgent")) {
                    assertThat(e.get(field).isNull()).as(field).isTrue();
                }
            }
        }
        int events = generated.events.size();
        assertThat(pages.get("NextSong")).isBetween(events * 72 / 100, events * 90 / 100);
        assertThat(pages).containsKeys("Home", "Login", "Logout", "Settings", "Upgrade", "Submit Upgrade", "Downgrade",
                "About", "Help", "Thumbs Up", "Add to Playlist", "Roll Advert");
    }

    @Test
    void pagesHaveEventsimMethodsAndStatuses() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("NextSong", "PUT 200"), Map.entry("Home", "GET 200"), Map.entry("Login", "PUT 307"),
                Map.entry("Logout", "PUT 307"), Map.entry("Settings", "GET 200"), Map.entry("Save Settings", "PUT 307"),
                Map.entry("Upgrade", "GET 200"), Map.entry("Submit Upgrade", "PUT 307"),
                Map.entry("Downgrade", "GET 200"), Map.entry("Submit Downgrade", "PUT 307"),
                Map.entry("About", "GET 200"), Map.entry("Help", "GET 200"), Map.entry("Error", "GET 404"),
                Map.entry("Thumbs Up", "PUT 307"), Map.entry("Thumbs Down", "PUT 307"),
                Map.entry("Add to Playlist", "PUT 200"), Map.entry("Add Friend", "PUT 307"),
                Map.entry("Roll Advert", "GET 200"));
        for (GeneratedFiles.Event event : generated.events) {
            assertThat(event.text("method") + " " + event.text("status")).isEqualTo(expected.get(event.page()));
        }
    }

    @Test
    void eventsAreInTimeOrderAndSessionsCountTheirItemsFromZero() {
        Map<Long, JsonNode> lastOfSession = new HashMap<>();
        long previousTs = Long.MIN_VALUE;
        for (GeneratedFiles.Event event : generated.events) {
            JsonNode e = event.json();
            long ts = e.get("ts").asLong();
            assertThat(ts).isGreaterThanOrEqualTo(previousTs);
            previousTs = ts;
            JsonNode previous = lastOfSession.put(e.get("sessionId").asLong(), e);
            if (previous == null) {
                assertThat(e.get("itemInSession").asInt()).isZero();
                continue;
            }
            assertThat(e.get("itemInSession").asInt()).isEqualTo(previous.get("itemInSession").asInt() + 1);
            assertThat(ts).isGreaterThanOrEqualTo(previous.get("ts").asLong());
            if (previous.get("page").asText().equals("NextSong") && ts - previous.get("ts").asLong() > 5000) {
                // Unless skipped, the next event comes when the song has been played.
                long playedMillis = (long) (previous.get("length").asDouble() * 1000);
                assertThat(ts - previous.get("ts").asLong()).isLessThanOrEqualTo(playedMillis);
            }
        }
        // A session belongs to one user: its logged-in events never name two users.
        Map<Long, String> userOfSession = new HashMap<>();
        for (GeneratedFiles.Event event : generated.events) {
            String userId = event.text("userId");
            if (!userId.isEmpty()) {
                String other = userOfSession.putIfAbsent(event.json().get("sessionId").asLong(), userId);
                assertThat(other == null || other.equals(userId)).isTrue();
            }
        }
    }

    @Test
    void loginAndLogoutSwitchTheAuthenticationState() {
        Map<Long, GeneratedFiles.Event> lastOfSession = new HashMap<>();
        int logins = 0;
        for (GeneratedFiles.Event event : generated.events) {
            GeneratedFiles.Event previous = lastOfSession.put(event.json().get("sessionId").asLong(), event);
            if (previous == null) {
                continue;
            }
            String auth = event.text("auth");
            switch (previous.page()) {
                case "Login" -> {
                    assertThat(auth).isEqualTo("Logged In");
                    assertThat(event.page()).isEqualTo("Home");
                    logins++;
                }
                case "Logout" -> assertThat(auth).isEqualTo("Logged Out");
                default -> assertThat(auth).isEqualTo(previous.text("auth"));
            }
        }
        assertThat(logins).isPositive();
    }

    @Test
    void levelChangesAfterSubmitUpgradeAndSubmitDowngrade() {
        Map<String, List<GeneratedFiles.Event>> byUser = new HashMap<>();
        Map<Long, String> userOfSession = new HashMap<>();
        for (GeneratedFiles.Event event : generated.events) {
            if (!event.text("userId").isEmpty()) {
                userOfSession.put(event.json().get("sessionId").asLong(), event.text("userId"));
            }
        }
        for (GeneratedFiles.Event event : generated.events) {
            String user = userOfSession.get(event.json().get("sessionId").asLong());
            if (user != null) {
                byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(event);
            }
        }
        int upgrades = 0;
        for (List<GeneratedFiles.Event> events : byUser.values()) {
            for (int i = 0; i + 1 < events.size(); i++) {
                String page = events.get(i).page();
                if (page.equals("Submit Upgrade")) {
                    upgrades++;
                    assertThat(events.get(i).text("level")).isEqualTo("free");
                    assertThat(events.get(i + 1).text("level")).isEqualTo("paid");
                } else if (page.equals("Submit Downgrade")) {
                    assertThat(events.get(i).text("level")).isEqualTo("paid");
                    assertThat(events.get(i + 1).text("level")).isEqualTo("free");
                } else {
                    assertThat(events.get(i + 1).text("level")).isEqualTo(events.get(i).text("level"));
                }
            }
        }
        assertThat(upgrades).isPositive();
    }

    @Test
    void matchedPlaysCarryTheCatalogDurationExactly() {
        Map<String, Double> durations = new HashMap<>();
        for (JsonNode song : generated.songs) {
            String key = song.get("title").asText() + "\n" + song.get("artist_name").asText();
            durations.put(key, song.get("duration").asDouble());
        }
        long matched = 0;
        long titleAndArtistOnly = 0;
        for (GeneratedFiles.Event event : generated.events) {
            if (!event.page().equals("NextSong")) {
                continue;
            }
            Double duration = durations.get(event.text("song") + "\n" + event.text("artist"));
            if (duration == null) {
                continue;
            }
            if (duration == event.json().get("length").asDouble()) {
                matched++;
            } else {
                titleAndArtistOnly++;
            }
        }
        assertThat(matched).isEqualTo(summary.matchedPlays());
        // Default share: about 40% of the plays are catalog songs.
        assertThat(matched).isBetween(summary.nextSongEvents() * 30 / 100, summary.nextSongEvents() * 50 / 100);
        // A few plays name a catalog song with another length, as in the real log.
        assertThat(titleAndArtistOnly).isPositive().isLessThan(matched / 10);
    }

    @Test
    void jsonPathsFileListsTheEventFieldsInOrder() throws IOException {
        String text = generated.text("log_json_path.json");
        assertThat(text).startsWith("{\n    \"jsonpaths\": [\n        \"$['artist']\",\n").endsWith("\n    ]\n}");
        JsonNode paths = GeneratedFiles.JSON.readTree(text).get("jsonpaths");
        List<String> expected = SampleDataGenerator.EVENT_FIELDS.stream().map(f -> "$['" + f + "']").toList();
        List<String> actual = new ArrayList<>();
        paths.forEach(path -> actual.add(path.asText()));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void unmatchedShareControlsHowManyPlaysFindTheirSong(@TempDir Path none, @TempDir Path all) throws IOException {
        GeneratorOptions small = OPTIONS.toBuilder().songs(50).events(1500).days(3).build();
        GenerationSummary noneInCatalog = new SampleDataGenerator()
                .generate(small.toBuilder().unmatchedShare(1.0).build(), new DirectorySink(none));
        GenerationSummary allInCatalog = new SampleDataGenerator()
                .generate(small.toBuilder().unmatchedShare(0.0).build(), new DirectorySink(all));

        assertThat(noneInCatalog.matchedPlays()).isZero();
        // Only plays of catalog songs with non-ASCII names miss: the log mangles those names.
        assertThat(allInCatalog.matchedPlays()).isGreaterThan(allInCatalog.nextSongEvents() * 85 / 100);
    }

    @Test
    void smallAndEmptyConfigurationsWork(@TempDir Path tiny, @TempDir Path empty) throws IOException {
        GenerationSummary one = new SampleDataGenerator().generate(
                GeneratorOptions.builder().songs(1).users(1).days(1).events(1).build(), new DirectorySink(tiny));
        assertThat(one.songFiles()).isEqualTo(1);
        assertThat(one.artists()).isEqualTo(1);
        assertThat(one.events()).isEqualTo(1);
        assertThat(one.days()).isEqualTo(1);

        GenerationSummary nothing = new SampleDataGenerator().generate(
                GeneratorOptions.builder().songs(5).events(0).build(), new DirectorySink(empty));
        assertThat(nothing.events()).isZero();
        assertThat(nothing.days()).isZero();
        assertThat(GeneratedFiles.read(empty).files).hasSize(6);
    }

    @Test
    void eventsOfLastDayStayInsideThePeriod(@TempDir Path dir) throws IOException {
        // Many events on one day force sessions to run into the end of the period.
        GenerationSummary result = new SampleDataGenerator().generate(
                OPTIONS.toBuilder().days(1).events(2500).build(), new DirectorySink(dir));
        GeneratedFiles files = GeneratedFiles.read(dir);
        assertThat(result.events()).isEqualTo(2500);
        assertThat(files.eventFiles).containsExactly("log_data/2018/11/2018-11-01-events.json");
    }

    private long countMatchedPlays() {
        Set<String> catalog = new HashSet<>();
        for (JsonNode song : generated.songs) {
            catalog.add(song.get("title").asText() + "\n" + song.get("artist_name").asText() + "\n"
                    + song.get("duration").asDouble());
        }
        return generated.events.stream()
                .filter(event -> event.page().equals("NextSong"))
                .filter(event -> catalog.contains(event.text("song") + "\n" + event.text("artist") + "\n"
                        + event.json().get("length").asDouble()))
                .count();
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
