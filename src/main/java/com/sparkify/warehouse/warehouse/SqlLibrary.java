package com.sparkify.warehouse.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL statements kept as {@code .sql} resources, one statement per file, with per-engine overrides
 * in the spirit of dbt's dispatch: {@code sql/<engine>/<name>.sql} wins over the common
 * {@code sql/<name>.sql}.
 *
 * <p>Placeholders {@code {{key}}} are only for what SQL cannot bind (identifiers, COPY options);
 * values go through {@link #identifier(String)} or {@link #literal(String)} first. User input is
 * always bound as a JDBC parameter instead.
 */
public final class SqlLibrary {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_]+)\\s*}}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,126}");

    private final String engine;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public SqlLibrary(String engine) {
        this.engine = engine;
    }

    /** The engine whose overrides this library prefers. */
    public String engine() {
        return engine;
    }

    /** The statement named {@code name} (e.g. {@code schema/create_songplays}), override first. */
    public String get(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    /** The statement with its {@code {{key}}} placeholders replaced; every placeholder must be given. */
    public String render(String name, Map<String, String> values) {
        String template = get(name);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("SQL " + name + " needs a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether this engine has its own version of {@code name}. */
    public boolean hasOverride(String name) {
        return resource("sql/" + engine + "/" + name + ".sql") != null;
    }

    /** A lower-case SQL identifier, refused unless it is plainly one. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    /**
     * A single-quoted SQL string literal. Quotes are doubled; backslashes and control characters are
     * refused because Redshift gives backslashes meaning inside COPY's quoted options.
     */
    public static String literal(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("backslashes and control characters are not allowed in: "
                        + value.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private String load(String name) {
        URL url = resource("sql/" + engine + "/" + name + ".sql");
        if (url == null) {
            url = resource("sql/" + name + ".sql");
        }
        if (url == null) {
            throw new IllegalArgumentException("no SQL resource named " + name);
        }
        try (InputStream in = url.openStream()) {
            return strip(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops a trailing semicolon: JDBC drivers take one statement without it. */
    private static String strip(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    private static URL resource(String path) {
        return SqlLibrary.class.getClassLoader().getResource(path);
    }
}
