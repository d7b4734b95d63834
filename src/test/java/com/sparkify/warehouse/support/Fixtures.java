package com.sparkify.warehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Writes small hand-made source trees (song_data/, log_data/, log_json_path.json) for tests.
 */
public final class Fixtures {

    /** The JSONPaths file of the Udacity bucket, in column order of staging_events. */
    public static final String JSONPATHS = """
            {
                "jsonpaths": [
                    "$['artist']", "$['auth']", "$['firstName']", "$['gender']", "$['itemInSession']",
                    "$['lastName']", "$['length']", "$['level']", "$['location']", "$['method']", "$['page']",
                    "$['registration']", "$['sessionId']", "$['song']", "$['status']", "$['ts']",
                    "$['userAgent']", "$['userId']"
                ]
            }
            """;

    private final Path root;

    public Fixtures(Path root) {
        this.root = root;
        write("log_json_path.json", JSONPATHS);
    }

    public Path root() {
        return root;
    }

    /** A new empty folder for one test's source tree, {@code target/test-data/fixtures/<name>-<uuid>}. */
    public static Path newRoot(String name) throws IOException {
        return Files.createDirectories(Path.of("target/test-data/fixtures/" + name + "-" + UUID.randomUUID()));
    }

    /** Writes {@code content} to {@code relative} under the root, creating folders. */
    public Fixtures write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes, e.g. invalid UTF-8. */
    public Fixtures writeBytes(String relative, byte[] content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A song file in the Million Song Dataset shape. */
    public Fixtures song(String trackId, String songId, String title, String artistId, String artistName,
            double duration, int year) {
        String dir = "song_data/" + trackId.charAt(2) + "/" + trackId.charAt(3) + "/" + trackId.charAt(4) + "/";
        return write(dir + trackId + ".json", "{\"num_songs\": 1, \"artist_id\": \"" + artistId
                + "\", \"artist_latitude\": null, \"artist_longitude\": null, \"artist_location\": \"\", "
                + "\"artist_name\": \"" + artistName + "\", \"song_id\": \"" + songId + "\", \"title\": \"" + title
                + "\", \"duration\": " + duration + ", \"year\": " + year + "}");
    }

    /** A day of events as JSON lines. */
    public Fixtures events(String date, List<String> lines) {
        return write("log_data/" + date.substring(0, 4) + "/" + date.substring(5, 7) + "/" + date + "-events.json",
                String.join("\n", lines) + "\n");
    }

    /** One eventsim event; {@code song} null for a non-NextSong page. */
    public static String event(String userId, String first, String level, String page, String artist, String song,
            Double length, int sessionId, int item, long ts) {
        return "{\"artist\":" + quote(artist) + ",\"auth\":\"Logged In\",\"firstName\":" + quote(first)
                + ",\"gender\":\"F\",\"itemInSession\":" + item + ",\"lastName\":\"Doe\",\"length\":"
                + (length == null ? "null" : length.toString()) + ",\"level\":\"" + level
                + "\",\"location\":\"Tampa-St. Petersburg-Clearwater, FL\",\"method\":\"PUT\",\"page\":\"" + page
                + "\",\"registration\":1540919166796.0,\"sessionId\":" + sessionId + ",\"song\":" + quote(song)
                + ",\"status\":200,\"ts\":" + ts
                + ",\"userAgent\":\"Mozilla\\/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko\\/20100101 Firefox\\/31.0\""
                + ",\"userId\":\"" + userId + "\"}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\"", "\\\"") + "\"";
    }
}
