package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import com.sparkify.warehouse.source.EtlSources;

/**
 * Generates a deterministic Sparkify raw data set in the layout and format of the Udacity bucket:
 * {@code song_data/} (one Million Song Dataset JSON object per file), {@code log_data/} (one
 * eventsim JSON-lines file per day) and the Redshift JSONPaths file {@code log_json_path.json}.
 *
 * <p>The same options always give byte-identical output. Events are streamed to the sink as they
 * are simulated, so memory holds the song catalog and the users but never the event log.
 */
public final class SampleDataGenerator {

    /** The event fields in the order of the log lines and of the JSONPaths file. */
    public static final List<String> EVENT_FIELDS = List.of(
            "artist", "auth", "firstName", "gender", "itemInSession", "lastName", "length", "level",
            "location", "method", "page", "registration", "sessionId", "song", "status", "ts",
            "userAgent", "userId");

    /** The song file fields in the order of the Udacity workspace files. */
    public static final List<String> SONG_FIELDS = List.of(
            "num_songs", "artist_id", "artist_latitude", "artist_longitude", "artist_location",
            "artist_name", "song_id", "title", "duration", "year");

    public GenerationSummary generate(GeneratorOptions options, DataSink sink) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sink, "sink");
        SongCatalog catalog = SongCatalog.generate(options);
        long bytes = writeSongFiles(catalog.songs(), sink);
        EventSimulator.Result log = new EventSimulator(options, catalog).run(sink);
        bytes += writeObject(sink, EtlSources.JSON_PATHS_FILE, JsonBuffer.ascii(jsonPaths()));
        return new GenerationSummary(
                catalog.songs().size(),
                catalog.artists().size(),
                log.users(),
                log.events(),
                log.nextSongEvents(),
                log.matchedPlays(),
                log.days(),
                bytes + log.bytes());
    }

    /**
     * Writes increment {@code increment} (1, 2, ...) of the data set {@code base} generates: the day after the
     * set's last day (or after the previous increment's) of events from the same users, and one new song in a
     * hundred, by known and new artists. The increment's plays may match its new songs and the older ones.
     * Nothing of the set is rewritten: the sink gets only the new song files and the new day's log.
     *
     * <p>The events are those of the same simulation run for the longer period (sessions from the evening
     * before carry on past midnight, users keep their level), of which only the new day is written.
     */
    public GenerationSummary generateIncrement(GeneratorOptions base, int increment, DataSink sink) throws IOException {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(sink, "sink");
        if (increment < 1) {
            throw new IllegalArgumentException("increment must be at least 1 (got " + increment + ")");
        }
        SongCatalog catalog = SongCatalog.generate(base).withIncrements(base, increment);
        int count = catalog.songs().size();
        List<SongCatalog.Song> added = catalog.songs().subList(count - SongCatalog.incrementSongs(base), count);
        long bytes = writeSongFiles(added, sink);
        long perDay = Math.round((double) base.events() / base.days());
        GeneratorOptions longer = base.toBuilder()
                .days(base.days() + increment)
                .events(base.events() + increment * perDay)
                .build();
        long newDay = base.startDate().plusDays(base.days() + increment - 1L).atStartOfDay(ZoneOffset.UTC)
                .toInstant().toEpochMilli();
        EventSimulator.Result log = new EventSimulator(longer, catalog, newDay).run(sink);
        long artists = added.stream().map(SongCatalog.Song::artist).distinct().count();
        return new GenerationSummary(added.size(), (int) artists, log.users(), log.events(), log.nextSongEvents(),
                log.matchedPlays(), log.days(), bytes + log.bytes());
    }

    /**
     * The JSONPaths file that maps the event fields to staging columns, formatted like the one in
     * the Udacity bucket (four-space indent, no trailing newline).
     */
    public static String jsonPaths() {
        StringBuilder text = new StringBuilder("{\n    \"jsonpaths\": [\n");
        for (int i = 0; i < EVENT_FIELDS.size(); i++) {
            text.append("        \"$['").append(EVENT_FIELDS.get(i)).append("']\"");
            text.append(i < EVENT_FIELDS.size() - 1 ? ",\n" : "\n");
        }
        return text.append("    ]\n}").toString();
    }

    private static long writeSongFiles(List<SongCatalog.Song> songs, DataSink sink) throws IOException {
        JsonBuffer json = new JsonBuffer(1024);
        long bytes = 0;
        for (SongCatalog.Song song : songs) {
            json.reset();
            writeSong(json, song);
            try (OutputStream out = sink.open(song.key())) {
                json.writeTo(out);
            }
            bytes += json.length();
        }
        return bytes;
    }

    /**
     * One song file in the style of the Udacity workspace files, which Python's json.dumps wrote:
     * {@code ", "} and {@code ": "} separators, non-ASCII as {@code \\uXXXX}, {@code /} unescaped,
     * one line without a trailing newline.
     */
    static void writeSong(JsonBuffer json, SongCatalog.Song song) {
        SongCatalog.Artist artist = song.artist();
        json.raw("{\"num_songs\": 1, \"artist_id\": ").string(artist.id(), false);
        json.raw(", \"artist_latitude\": ");
        if (artist.geocoded()) {
            json.fixed5(artist.latitudeUnits());
        } else {
            json.nullValue();
        }
        json.raw(", \"artist_longitude\": ");
        if (artist.geocoded()) {
            json.fixed5(artist.longitudeUnits());
        } else {
            json.nullValue();
        }
        json.raw(", \"artist_location\": ").string(artist.location(), false);
        json.raw(", \"artist_name\": ").string(artist.name(), false);
        json.raw(", \"song_id\": ").string(song.songId(), false);
        json.raw(", \"title\": ").string(song.title(), false);
        json.raw(", \"duration\": ").fixed5(song.durationUnits());
        json.raw(", \"year\": ").number(song.year()).raw('}');
    }

    private static long writeObject(DataSink sink, String key, byte[] content) throws IOException {
        try (OutputStream out = sink.open(key)) {
            out.write(content);
        }
        return content.length;
    }
}
