package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a generated directory back, independently of the generator, for the tests to check. */
final class GeneratedFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One event line with the file it came from. */
    record Event(String file, String line, JsonNode json) {

        String text(String field) {
            return json.get(field).asText();
        }

        String page() {
            return text("page");
        }
    }

    final Path root;
    /** Relative path (with '/') to content, sorted by path. */
    final Map<String, byte[]> files;
    final List<String> songFiles = new ArrayList<>();
    final List<String> eventFiles = new ArrayList<>();
    final List<JsonNode> songs = new ArrayList<>();
    /** All events in file order: daily files by date, lines in order. */
    final List<Event> events = new ArrayList<>();

    private GeneratedFiles(Path root, Map<String, byte[]> files) {
        this.root = root;
        this.files = files;
    }

    static GeneratedFiles read(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GeneratedFiles generated = new GeneratedFiles(root, files);
        generated.parse();
        return generated;
    }

    private void parse() {
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String name = file.getKey();
                String content = new String(file.getValue(), StandardCharsets.UTF_8);
                if (name.startsWith("song_data/")) {
                    songFiles.add(name);
                    songs.add(JSON.readTree(content));
                } else if (name.startsWith("log_data/")) {
                    eventFiles.add(name);
                    for (String line : content.split("\n", -1)) {
                        events.add(new Event(name, line, JSON.readTree(line)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long totalBytes() {
        return files.values().stream().mapToLong(content -> content.length).sum();
    }

    String text(String relativePath) {
        return new String(files.get(relativePath), StandardCharsets.UTF_8);
    }
}
