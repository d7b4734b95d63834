package com.sparkify.warehouse.warehouse.staging;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Redshift JSONPaths file: one path expression per staging column, in column order. Supports the
 * forms COPY accepts: bracket ({@code $['a']['b']}, {@code $["a"]}), dot ({@code $.a.b}) and array
 * indexes ({@code $.a[0]}).
 */
public record JsonPaths(List<List<Object>> paths) {

    /** Reads and checks a JSONPaths document; messages name the offending expression. */
    public static JsonPaths read(InputStream in, ObjectMapper json) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode array = root == null ? null : root.get("jsonpaths");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("expected an object with a non-empty \"jsonpaths\" array");
        }
        List<List<Object>> paths = new ArrayList<>();
        for (JsonNode expression : array) {
            if (!expression.isTextual()) {
                throw new IllegalArgumentException("every JSONPath must be a string, found " + expression);
            }
            paths.add(parse(expression.asText()));
        }
        return new JsonPaths(List.copyOf(paths));
    }

    /** Parses one expression into field names (String) and array indexes (Integer). */
    static List<Object> parse(String expression) {
        String e = expression.strip();
        if (!e.startsWith("$")) {
            throw new IllegalArgumentException("JSONPath must start with '$': " + expression);
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < e.length() && e.charAt(end) != '.' && e.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("empty field name in JSONPath: " + expression);
                }
                segments.add(e.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = e.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in JSONPath: " + expression);
                }
                String inside = e.substring(i + 1, close).strip();
                if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    segments.add(Integer.valueOf(inside));
                } else {
                    throw new IllegalArgumentException("unsupported JSONPath element [" + inside + "] in " + expression);
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in JSONPath: " + expression);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("JSONPath names no field: " + expression);
        }
        return List.copyOf(segments);
    }

    /** Whether every path is a single top-level field, which the loader reads without building a tree. */
    public boolean allTopLevel() {
        return paths.stream().allMatch(p -> p.size() == 1 && p.get(0) instanceof String);
    }

    /** The path as written back for messages, e.g. {@code $['artist']}. */
    public static String display(List<Object> path) {
        StringBuilder sb = new StringBuilder("$");
        for (Object segment : path) {
            sb.append(segment instanceof Integer ? "[" + segment + "]" : "['" + segment + "']");
        }
        return sb.toString();
    }
}
