package com.sparkify.warehouse.warehouse.staging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns one JSON record into a staging row the way Redshift's COPY does: with a JSONPaths file
 * (column order from the paths) or with {@code 'auto ignorecase'} (keys matched to column names,
 * case-insensitively; unknown keys ignored). Empty and blank strings load as NULL
 * (BLANKSASNULL EMPTYASNULL); strings keep their exact characters.
 *
 * <p>Row values are {@link String}, {@link Integer}, {@link Double} or, for timestamps, epoch
 * milliseconds as {@link Long}. Instances are immutable and shared by the loader's threads.
 */
public final class RecordMapper {

    private static final int EXCERPT = 40;
    /** Plain decimal text only: Java would also take "NaN", "0x1p3" or "1d". */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final List<StagingColumn> columns;
    private final Map<String, int[]> fields;
    private final boolean ignoreCase;
    private final List<List<Object>> nestedPaths;
    private final boolean truncate;
    private final ObjectMapper json;
    private final JsonFactory factory;
    /** The fast path; null where the JSONPaths file reaches into nested values. */
    private final FlatRecordParser flat;

    private RecordMapper(List<StagingColumn> columns, Map<String, int[]> fields, boolean ignoreCase,
            List<List<Object>> nestedPaths, boolean truncate, ObjectMapper json, boolean declineBlanks) {
        this.columns = columns;
        this.fields = fields;
        this.ignoreCase = ignoreCase;
        this.nestedPaths = nestedPaths;
        this.truncate = truncate;
        this.json = json;
        this.factory = json.getFactory();
        this.flat = nestedPaths == null ? new FlatRecordParser(columns, fields, ignoreCase, declineBlanks)
                : null;
    }

    /** Columns from a JSONPaths file, one path per column in table order, as COPY requires. */
    public static RecordMapper forJsonPaths(List<StagingColumn> columns, JsonPaths paths, boolean truncate,
            ObjectMapper json) {
        if (paths.paths().size() != columns.size()) {
            throw new IllegalArgumentException("the JSONPaths file has " + paths.paths().size()
                    + " expressions but the table has " + columns.size() + " columns");
        }
        if (!paths.allTopLevel()) {
            return new RecordMapper(columns, Map.of(), false, paths.paths(), truncate, json, false);
        }
        Map<String, int[]> fields = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String field = (String) paths.paths().get(i).get(0);
            int[] previous = fields.get(field);
            int[] indexes = previous == null ? new int[] { i } : append(previous, i);
            fields.put(field, indexes);
        }
        return new RecordMapper(columns, fields, false, null, truncate, json, false);
    }

    /** COPY's {@code 'auto ignorecase'}: keys matched to column names regardless of case. */
    public static RecordMapper auto(List<StagingColumn> columns, boolean truncate, ObjectMapper json) {
        Map<String, int[]> fields = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.put(columns.get(i).name().toLowerCase(Locale.ROOT), new int[] { i });
        }
        return new RecordMapper(columns, fields, true, null, truncate, json, false);
    }

    /**
     * The same mapping, but its fast path ({@link #mapLine}, {@link #mapsFast}) declines records with a
     * string of whitespace only: BLANKSASNULL makes it NULL, which a reader that only turns empty
     * strings into NULL would not. The general path is unchanged.
     */
    public RecordMapper declineBlanks() {
        return new RecordMapper(columns, fields, ignoreCase, nestedPaths, truncate, json, true);
    }

    public int width() {
        return columns.size();
    }

    public List<StagingColumn> columns() {
        return columns;
    }

    /**
     * For each column, the top-level field it is read from, when records map by exact field names (a
     * JSONPaths file of top-level fields only); null for nested paths or case-insensitive matching.
     */
    public List<String> exactFields() {
        if (flat == null || ignoreCase) {
            return null;
        }
        String[] byColumn = new String[columns.size()];
        fields.forEach((name, indexes) -> {
            for (int index : indexes) {
                byColumn[index] = name;
            }
        });
        return List.of(byColumn);
    }

    /**
     * Whether the fast path alone maps the record in {@code buf[off, off+len)} (filling {@code row}):
     * a flat object of plain strings and numbers of its columns' types and widths. With {@code row}
     * null it only answers, building no values.
     */
    public boolean mapsFast(byte[] buf, int off, int len, Object[] row) {
        return flat != null && flat.parse(buf, off, len, row) == FlatRecordParser.MAPPED;
    }

    /** The row for the record in {@code buf[off, off+len)}, strings as Java strings. */
    public Object[] map(byte[] buf, int off, int len) throws RecordException {
        Object[] row = mapUtf8(buf, off, len, new Object[columns.size()]);
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof byte[] utf8) {
                row[i] = new String(utf8, StandardCharsets.UTF_8);
            }
        }
        return row;
    }

    /**
     * The row for the record in {@code buf[off, off+len)}, written into {@code row} and returned, with
     * strings as UTF-8 bytes, the way the appender takes them. Most records take the fast path; the
     * rest, and every bad record, go through Jackson.
     */
    public Object[] mapUtf8(byte[] buf, int off, int len, Object[] row) throws RecordException {
        if (flat != null && flat.parse(buf, off, len, row) == FlatRecordParser.MAPPED) {
            return row;
        }
        Object[] general = mapGeneral(buf, off, len);
        for (int i = 0; i < general.length; i++) {
            row[i] = general[i] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : general[i];
        }
        return row;
    }

    /**
     * The fast path alone for a record that starts at {@code buf[start]} and must end on its line,
     * before {@code limit}: fills {@code row} as {@link #mapUtf8} would and returns the index after
     * the record, or -1 when the record needs the reader to find its end and the general path. With
     * {@code row} null it only checks, building no values.
     */
    public int mapLine(byte[] buf, int start, int limit, Object[] row) {
        return flat == null ? -1 : flat.parseLine(buf, start, limit, row);
    }

    /** The general path alone: Jackson's parser, any JSON, every error message. */
    Object[] mapGeneral(byte[] buf, int off, int len) throws RecordException {
        Object[] row = parseGeneral(buf, off, len);
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && columns.get(i).notNull()) {
                throw new RecordException(columns.get(i).name(), "missing, null or empty, but the column is NOT NULL");
            }
        }
        return row;
    }

    private Object[] parseGeneral(byte[] buf, int off, int len) throws RecordException {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RecordException(null, "expected a JSON object");
            }
            return nestedPaths == null ? mapFields(p) : mapPaths(json.readTree(p));
        } catch (JsonProcessingException e) {
            throw new RecordException(null, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RecordException(null, "unreadable record: " + e.getMessage());
        }
    }

    private Object[] mapFields(JsonParser p) throws IOException, RecordException {
        Object[] row = new Object[columns.size()];
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int[] indexes = fields.get(ignoreCase ? name.toLowerCase(Locale.ROOT) : name);
            JsonToken value = p.nextToken();
            if (indexes == null) {
                p.skipChildren();
                continue;
            }
            if (indexes.length == 1) {
                row[indexes[0]] = convert(p, value, columns.get(indexes[0]), name);
            } else {
                JsonNode node = value.isStructStart() ? json.readTree(p) : null;
                for (int index : indexes) {
                    row[index] = node == null ? convert(p, value, columns.get(index), name)
                            : convertNode(node, columns.get(index), name);
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new RecordException(null, "malformed JSON object");
        }
        return row;
    }

    private Object[] mapPaths(JsonNode record) throws IOException, RecordException {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            JsonNode node = record;
            for (Object segment : nestedPaths.get(i)) {
                node = segment instanceof Integer index ? node.path(index) : node.path((String) segment);
            }
            if (!node.isMissingNode()) {
                row[i] = convertNode(node, columns.get(i), JsonPaths.display(nestedPaths.get(i)));
            }
        }
        return row;
    }

    private Object convertNode(JsonNode node, StagingColumn column, String field) throws IOException, RecordException {
        try (JsonParser p = node.traverse(json)) {
            return convert(p, p.nextToken(), column, field);
        }
    }

    private Object convert(JsonParser p, JsonToken token, StagingColumn column, String field)
            throws IOException, RecordException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (column.type()) {
            case VARCHAR -> toVarchar(p, token, column, field);
            case INTEGER -> toInteger(p, token, field);
            case DOUBLE -> toDouble(p, token, field);
            case TIMESTAMP_MILLIS -> toEpochMillis(p, token, field);
        };
    }

    private String toVarchar(JsonParser p, JsonToken token, StagingColumn column, String field)
            throws IOException, RecordException {
        String s = token.isStructStart() ? json.readTree(p).toString() : p.getText();
        if (s.isBlank()) {
            return null;
        }
        // Three bytes per char at most: only long strings need counting.
        if (s.length() * 3 > column.maxBytes()) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > column.maxBytes()) {
                if (!truncate) {
                    throw new RecordException(field, "value too long: " + utf8.length + " bytes, column "
                            + column.name() + " holds " + column.maxBytes());
                }
                return truncateUtf8(utf8, column.maxBytes());
            }
        }
        return s;
    }

    private static Integer toInteger(JsonParser p, JsonToken token, String field) throws IOException, RecordException {
        switch (token) {
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() != JsonParser.NumberType.INT) {
                    throw new RecordException(field, "out of range for an integer: " + excerpt(p.getText()));
                }
                return p.getIntValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
                    throw new RecordException(field, "not an integer: " + excerpt(p.getText()));
                }
                return (int) d;
            }
            case VALUE_STRING -> {
                String s = p.getText().strip();
                if (s.isEmpty()) {
                    return null;
                }
                try {
                    return Integer.valueOf(s);
                } catch (NumberFormatException e) {
                    throw new RecordException(field, "not an integer: \"" + excerpt(s) + "\"");
                }
            }
            default -> throw new RecordException(field, "expected an integer, found " + describe(token));
        }
    }

    private static Double toDouble(JsonParser p, JsonToken token, String field) throws IOException, RecordException {
        switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new RecordException(field, "out of range for a double: " + excerpt(p.getText()));
                }
                return d;
            }
            case VALUE_STRING -> {
                String s = p.getText().strip();
                if (s.isEmpty()) {
                    return null;
                }
                if (DECIMAL.matcher(s).matches()) {
                    double d = Double.parseDouble(s);
                    if (Double.isFinite(d)) {
                        return d;
                    }
                }
                throw new RecordException(field, "not a number: \"" + excerpt(s) + "\"");
            }
            default -> throw new RecordException(field, "expected a number, found " + describe(token));
        }
    }

    /** Valid epoch milliseconds stay within Redshift's TIMESTAMP range (years 4713 BC to 294276 AD). */
    private static final long MAX_EPOCH_MILLIS = 9_224_318_015_999_999L / 1000;

    private static Long toEpochMillis(JsonParser p, JsonToken token, String field) throws IOException, RecordException {
        long millis;
        switch (token) {
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new RecordException(field, "out of range for epoch milliseconds: " + excerpt(p.getText()));
                }
                millis = p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (d != Math.rint(d)) {
                    throw new RecordException(field, "not whole epoch milliseconds: " + excerpt(p.getText()));
                }
                millis = (long) d;
            }
            case VALUE_STRING -> {
                String s = p.getText().strip();
                if (s.isEmpty()) {
                    return null;
                }
                try {
                    millis = Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new RecordException(field, "not epoch milliseconds: \"" + excerpt(s) + "\"");
                }
            }
            default -> throw new RecordException(field, "expected epoch milliseconds, found " + describe(token));
        }
        // Not Math.abs: it leaves Long.MIN_VALUE negative, which then passed.
        if (millis > MAX_EPOCH_MILLIS || millis < -MAX_EPOCH_MILLIS) {
            throw new RecordException(field, "out of range for a timestamp: " + millis);
        }
        return millis;
    }

    /** Cuts at a character boundary so the result stays valid UTF-8. */
    private static String truncateUtf8(byte[] utf8, int maxBytes) {
        int end = maxBytes;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            default -> "a " + token.asString();
        };
    }

    static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "…";
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
