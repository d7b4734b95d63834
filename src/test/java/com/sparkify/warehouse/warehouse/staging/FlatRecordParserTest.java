package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.generator.SampleDataGenerator;

/**
 * The flat-record fast path against the general Jackson path, which is the reference: for any record
 * both give the same row or the same error, and ordinary eventsim and song records really take the
 * fast path.
 */
class FlatRecordParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fixed so that a failure names a record that the next run generates again. */
    private static final long SEED = 20181101L;
    private static final int RECORDS = 5000;

    /** The random records' fields: every column type, and a string column narrow enough to overflow often. */
    private static final List<String> FIELDS = List.of("name", "note", "itemInSession", "length", "ts");
    private static final List<StagingColumn> COLUMNS = List.of(
            StagingColumn.varchar("name", 8),
            StagingColumn.varchar("note", 64),
            StagingColumn.of("itemInSession", ColumnType.INTEGER),
            StagingColumn.of("length", ColumnType.DOUBLE),
            StagingColumn.of("ts", ColumnType.TIMESTAMP_MILLIS));

    /**
     * The same fields through JSONPaths, where keys match exactly, plus a field feeding two columns
     * of one type and one feeding two different types.
     */
    private static final List<StagingColumn> PATH_COLUMNS = List.of(
            StagingColumn.varchar("name", 8),
            StagingColumn.varchar("note", 64),
            StagingColumn.of("item_in_session", ColumnType.INTEGER),
            StagingColumn.of("length", ColumnType.DOUBLE),
            StagingColumn.of("ts", ColumnType.TIMESTAMP_MILLIS),
            StagingColumn.varchar("note_again", 64),
            StagingColumn.of("item_as_double", ColumnType.DOUBLE));
    private static final List<String> PATH_FIELDS =
            List.of("name", "note", "itemInSession", "length", "ts", "note", "itemInSession");
    private static final String PATHS_FILE = "{\"jsonpaths\":[\"$['name']\",\"$.note\",\"$['itemInSession']\","
            + "\"$['length']\",\"$[\\\"ts\\\"]\",\"$['note']\",\"$['itemInSession']\"]}";

    /** A mapper under test with a parser built the same way, to see which records the fast path takes. */
    private record Setup(String label, RecordMapper mapper, FlatRecordParser parser, int width) {
    }

    // ---------------------------------------------------------------------------------------------
    // Equivalence with the general path on random records
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldGiveTheGeneralPathsRowOrErrorForRandomRecords() throws Exception {
        List<Setup> setups = List.of(
                new Setup("auto", RecordMapper.auto(COLUMNS, false, JSON), autoParser(COLUMNS), COLUMNS.size()),
                new Setup("auto truncating", RecordMapper.auto(COLUMNS, true, JSON), autoParser(COLUMNS),
                        COLUMNS.size()),
                new Setup("jsonpaths", RecordMapper.forJsonPaths(PATH_COLUMNS, paths(PATHS_FILE), false, JSON),
                        pathsParser(PATH_COLUMNS, PATH_FIELDS), PATH_COLUMNS.size()));
        RandomRecords generator = new RandomRecords(new Random(SEED));
        List<String> mismatches = new ArrayList<>();
        int[] mapped = new int[setups.size()];
        int errors = 0;

        for (int n = 0; n < RECORDS; n++) {
            byte[] record = generator.next();
            for (int s = 0; s < setups.size(); s++) {
                Setup setup = setups.get(s);
                Outcome expected = general(setup.mapper(), record);
                Outcome viaMapper = utf8(setup.mapper(), record, setup.width());
                if (!viaMapper.equals(expected)) {
                    mismatches.add(mismatch(n, setup.label() + " mapUtf8", record, expected, viaMapper));
                }
                Object[] row = new Object[setup.width()];
                if (setup.parser().parse(record, 0, record.length, row) == FlatRecordParser.MAPPED) {
                    mapped[s]++;
                    Outcome fast = Outcome.row(row);
                    if (!fast.equals(expected)) {
                        mismatches.add(mismatch(n, setup.label() + " fast path", record, expected, fast));
                    }
                }
                if (s == 0 && expected.error() != null) {
                    errors++;
                }
            }
        }

        assertThat(mismatches.size())
                .as("records where the fast path disagrees with the general path, first ones:%n%s",
                        String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))))
                .isZero();
        // Equal results prove nothing if the fast path declines everything; nor if nothing is an error.
        for (int s = 0; s < setups.size(); s++) {
            assertThat(mapped[s]).as("records the fast path maps for " + setups.get(s).label())
                    .isGreaterThan(RECORDS / 5);
        }
        assertThat(errors).as("records the general path rejects").isGreaterThan(RECORDS / 10);
    }

    // ---------------------------------------------------------------------------------------------
    // Typical records take the fast path; unusual ones go to the general path
    // ---------------------------------------------------------------------------------------------

    private static final String DESREE = "{\"artist\":\"Des'ree\",\"auth\":\"Logged In\",\"firstName\":\"Kaylee\","
            + "\"gender\":\"F\",\"itemInSession\":1,\"lastName\":\"Summers\",\"length\":246.30812,\"level\":\"free\","
            + "\"location\":\"Phoenix-Mesa-Scottsdale, AZ\",\"method\":\"PUT\",\"page\":\"NextSong\","
            + "\"registration\":1540344794796.0,\"sessionId\":139,\"song\":\"You Gotta Be\",\"status\":200,"
            + "\"ts\":1541106106796,\"userAgent\":\"\\\"Mozilla\\/5.0 (Windows NT 6.1; WOW64)\\\"\",\"userId\":\"8\"}";

    @Test
    void shouldMapANextSongEventOnTheFastPath() throws Exception {
        assertThat(fastEvent(DESREE)).containsExactly(
                text("Des'ree"), text("Logged In"), text("Kaylee"), text("F"), 1, text("Summers"), 246.30812,
                text("free"), text("Phoenix-Mesa-Scottsdale, AZ"), text("PUT"), text("NextSong"),
                1540344794796.0, 139, text("You Gotta Be"), 200, 1541106106796L,
                text("\"Mozilla/5.0 (Windows NT 6.1; WOW64)\""), text("8"));
    }

    @Test
    void shouldMapAnEventWithNullsAndAnEmptyUserIdOnTheFastPath() throws Exception {
        String loggedOut = "{\"artist\":null,\"auth\":\"Logged Out\",\"firstName\":null,\"gender\":null,"
                + "\"itemInSession\":0,\"lastName\":null,\"length\":null,\"level\":\"paid\",\"location\":null,"
                + "\"method\":\"GET\",\"page\":\"Home\",\"registration\":null,\"sessionId\":52,\"song\":null,"
                + "\"status\":200,\"ts\":1541207073796,\"userAgent\":null,\"userId\":\"\"}";

        assertThat(fastEvent(loggedOut)).containsExactly(
                null, text("Logged Out"), null, null, 0, null, null, text("paid"), null, text("GET"), text("Home"),
                null, 52, null, 200, 1541207073796L, null, null);
    }

    @Test
    void shouldMapAnEventWithRawAndEscapedNonAsciiOnTheFastPath() throws Exception {
        // Björk in raw UTF-8, Jóga through an escape: both end up as the same UTF-8 bytes.
        String bjork = "{\"artist\":\"Bj\u00f6rk\",\"auth\":\"Logged In\",\"firstName\":\"Lily\",\"gender\":\"F\","
                + "\"itemInSession\":12,\"lastName\":\"Koch\",\"length\":305.52771,\"level\":\"paid\","
                + "\"location\":\"Chicago-Naperville-Elgin, IL-IN-WI\",\"method\":\"PUT\",\"page\":\"NextSong\","
                + "\"registration\":1541048010796.0,\"sessionId\":818,\"song\":\"J\\u00f3ga\",\"status\":200,"
                + "\"ts\":1542837407796,\"userAgent\":\"\\\"Mozilla\\/5.0 (X11; Linux x86_64)\\\"\",\"userId\":\"15\"}";

        assertThat(fastEvent(bjork)).containsExactly(
                text("Bj\u00f6rk"), text("Logged In"), text("Lily"), text("F"), 12, text("Koch"), 305.52771,
                text("paid"), text("Chicago-Naperville-Elgin, IL-IN-WI"), text("PUT"), text("NextSong"),
                1541048010796.0, 818, text("J\u00f3ga"), 200, 1542837407796L,
                text("\"Mozilla/5.0 (X11; Linux x86_64)\""), text("15"));
    }

    @Test
    void shouldMapSongRecordsOnTheFastPath() throws Exception {
        // The Million Song Dataset files put a space after colons and commas.
        String lineRenaud = "{\"num_songs\": 1, \"artist_id\": \"ARJIE2Y1187B994AB7\", \"artist_latitude\": null, "
                + "\"artist_longitude\": null, \"artist_location\": \"\", \"artist_name\": \"Line Renaud\", "
                + "\"song_id\": \"SOUPIRU12A6D4FA1E1\", \"title\": \"Der Kleine Dompfaff\", \"duration\": 152.92036, "
                + "\"year\": 0}";
        String boxTops = "{\"num_songs\": 1, \"artist_id\": \"ARMJAGH1187FB546F3\", \"artist_latitude\": 35.14968, "
                + "\"artist_longitude\": -90.04892, \"artist_location\": \"Memphis, TN\", \"artist_name\": "
                + "\"The Box Tops\", \"song_id\": \"SOCIWDW12A8C13D406\", \"title\": \"Soul Deep\", "
                + "\"duration\": 148.03546, \"year\": 1969}";

        assertThat(fastSong(lineRenaud)).containsExactly(
                1, text("ARJIE2Y1187B994AB7"), null, null, null, text("Line Renaud"), text("SOUPIRU12A6D4FA1E1"),
                text("Der Kleine Dompfaff"), 152.92036, 0);
        assertThat(fastSong(boxTops)).containsExactly(
                1, text("ARMJAGH1187FB546F3"), 35.14968, -90.04892, text("Memphis, TN"), text("The Box Tops"),
                text("SOCIWDW12A8C13D406"), text("Soul Deep"), 148.03546, 1969);
    }

    @Test
    void shouldDeclineEventsTheGeneralPathMustConvert() throws Exception {
        assertThat(declinedEvent(DESREE.replace("\"Des'ree\"", "true"))).as("boolean").isTrue();
        assertThat(declinedEvent(DESREE.replace("\"itemInSession\":1", "\"itemInSession\":1.0")))
                .as("float in an INTEGER column").isTrue();
        assertThat(declinedEvent(DESREE.replace("\"sessionId\":139", "\"sessionId\":\"139\"")))
                .as("numeric string in an INTEGER column").isTrue();
        assertThat(declinedEvent(DESREE.replace("\"userId\":\"8\"", "\"userId\":8")))
                .as("number in a VARCHAR column").isTrue();
        assertThat(declinedEvent(DESREE.replace("\"gender\":\"F\"", "\"gender\":\"Feminine\u00e9\"")))
                .as("10 bytes for a VARCHAR(8)").isTrue();
        assertThat(declinedEvent(DESREE.replace("Des'ree", "\\uD83D\\uDE00"))).as("surrogate pair escape").isTrue();
        assertThat(declinedEvent(DESREE.replace("Des'ree", "x\\uD83D"))).as("lone surrogate escape").isTrue();
        assertThat(declinedEvent(DESREE.replace("246.30812", "2.4630812e2"))).as("exponent").isTrue();
        assertThat(declinedEvent(DESREE.replace("\"artist\"", "\"\\u0061rtist\""))).as("escaped key").isTrue();

        // "Caf" then C3 28: a two-byte lead followed by an ASCII byte.
        byte[] invalid = bytes(DESREE.replace("Des'ree", "Caf##"));
        int at = indexOf(invalid, (byte) '#');
        invalid[at] = (byte) 0xC3;
        invalid[at + 1] = (byte) 0x28;
        assertThat(declined(eventParser(), invalid, StagingSchema.EVENTS.size())).as("invalid UTF-8").isTrue();
    }

    @Test
    void shouldDeclineWhatJacksonRejectsInsideSkippedValues() throws Exception {
        RecordMapper mapper = RecordMapper.auto(COLUMNS, false, JSON);
        FlatRecordParser parser = autoParser(COLUMNS);
        // Unknown keys are skipped, not converted, yet Jackson still reads them through: each of these
        // is a malformed record however valid the mapped fields are.
        List<String> values = List.of(
                // invalid escapes
                "\"\\q\"", "\"\\u12x4\"", "\"\\u12\"", "[\"\\q\"]",
                // arrays without commas, with extra ones, with keys
                "[\"a\" \"b\"]", "[\"a\",]", "[,]", "[\"a\":\"b\"]", "[{}{}]",
                // objects without commas, colons, values or string keys
                "{\"a\" \"b\"}", "{\"a\":\"b\",}", "{\"a\"}", "{:\"a\"}", "{\"a\":}", "{[\"a\"]:\"b\"}",
                // brackets closed by braces
                "[}", "{\"a\":[}]",
                // Jackson's read limits: 1000 levels of nesting, 1000 characters in a number
                "[".repeat(1001) + "]".repeat(1001), "1" + "0".repeat(1000), "0." + "0".repeat(1000) + "1");
        for (String value : values) {
            byte[] record = bytes("{\"name\":\"a\",\"extra\":" + value + ",\"itemInSession\":1}");

            assertThat(general(mapper, record).error()).as("the general path on %s", excerpt(value)).isNotNull();
            assertThat(parser.parse(record, 0, record.length, new Object[COLUMNS.size()]))
                    .as("the fast path on %s", excerpt(value)).isEqualTo(FlatRecordParser.DECLINED);
        }
    }

    @Test
    void shouldDeclineWhatJacksonsReadLimitsReject() throws Exception {
        RecordMapper mapper = RecordMapper.auto(COLUMNS, false, JSON);
        FlatRecordParser parser = autoParser(COLUMNS);
        // A tiny double the fast path could convert, but in more than Jackson's 1000 characters;
        // and a key longer than Jackson's 50000 bytes.
        List<String> records = List.of(
                "{\"length\":0." + "0".repeat(1000) + "1}",
                "{\"" + "k".repeat(50_001) + "\":1,\"name\":\"a\"}");
        for (String json : records) {
            byte[] record = bytes(json);

            assertThat(general(mapper, record).error()).as("the general path on %s", excerpt(json)).isNotNull();
            assertThat(parser.parse(record, 0, record.length, new Object[COLUMNS.size()]))
                    .as("the fast path on %s", excerpt(json)).isEqualTo(FlatRecordParser.DECLINED);
        }
    }

    @Test
    void shouldSkipWellFormedNestedValuesOnTheFastPath() throws Exception {
        String json = "{\"name\":\"a\",\"extra\":{\"x\":[1,-0.5,true,null,\"s\\u00e9\\n\",{}],\"y\":{\"z\":[]}},"
                + "\"itemInSession\":1,\"more\":[[\"\u00e9\"], false]}";

        assertThat(fast(autoParser(COLUMNS), json, COLUMNS.size())).containsExactly(text("a"), null, 1, null, null);
    }

    // ---------------------------------------------------------------------------------------------
    // Strict UTF-8
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldAcceptWellFormedUtf8() {
        assertThat(wellFormed(bytes("plain ASCII ~\u007f"))).isTrue();
        assertThat(wellFormed(bytes("\u00e9"))).as("2 bytes").isTrue();
        assertThat(wellFormed(bytes("\u20ac\ud7ff\ue000\uffff"))).as("3 bytes, around the surrogates").isTrue();
        assertThat(wellFormed(bytes("\ud83d\ude00\udbff\udfff"))).as("4 bytes, up to U+10FFFF").isTrue();
        assertThat(wellFormed(new byte[0])).isTrue();
    }

    @Test
    void shouldRejectMalformedUtf8() {
        assertThat(wellFormed(0x61, 0xC3)).as("cut 2-byte sequence").isFalse();
        assertThat(wellFormed(0xE2, 0x82)).as("cut 3-byte sequence").isFalse();
        assertThat(wellFormed(0xF0, 0x9F, 0x98)).as("cut 4-byte sequence").isFalse();
        assertThat(wellFormed(0x80)).as("stray continuation").isFalse();
        assertThat(wellFormed(0xC3, 0xA9, 0xA9)).as("continuation after a full character").isFalse();
        assertThat(wellFormed(0xC3, 0x28)).as("lead without continuation").isFalse();
        assertThat(wellFormed(0xC0, 0x80)).as("overlong NUL").isFalse();
        assertThat(wellFormed(0xC1, 0xBF)).as("overlong 2-byte").isFalse();
        assertThat(wellFormed(0xE0, 0x80, 0x80)).as("overlong 3-byte").isFalse();
        assertThat(wellFormed(0xF0, 0x8F, 0xBF, 0xBF)).as("overlong 4-byte").isFalse();
        assertThat(wellFormed(0xED, 0xA0, 0x80)).as("high surrogate").isFalse();
        assertThat(wellFormed(0xED, 0xBF, 0xBF)).as("low surrogate").isFalse();
        assertThat(wellFormed(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isFalse();
        assertThat(wellFormed(0xF5, 0x80, 0x80, 0x80)).as("F5 lead").isFalse();
        assertThat(wellFormed(0xFF)).as("FF").isFalse();
    }

    @Test
    void shouldCheckOnlyTheGivenRange() {
        byte[] buf = { (byte) 0xC3, (byte) 0xA9, 'a', (byte) 0xC3 };

        // The cut sequence at the end lies outside [0, 3); the character at 0 is cut by starting at 1.
        assertThat(FlatRecordParser.wellFormedUtf8(buf, 0, 3)).isTrue();
        assertThat(FlatRecordParser.wellFormedUtf8(buf, 1, 3)).isFalse();
        assertThat(FlatRecordParser.wellFormedUtf8(buf, 0, 4)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static JsonPaths paths(String json) throws IOException {
        return JsonPaths.read(new ByteArrayInputStream(bytes(json)), JSON);
    }

    /** Fields keyed the way {@link RecordMapper#auto} keys them. */
    private static FlatRecordParser autoParser(List<StagingColumn> columns) {
        Map<String, int[]> fields = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.put(columns.get(i).name().toLowerCase(Locale.ROOT), new int[] { i });
        }
        return new FlatRecordParser(columns, fields, true);
    }

    /** Fields keyed the way {@link RecordMapper#forJsonPaths} keys top-level paths. */
    private static FlatRecordParser pathsParser(List<StagingColumn> columns, List<String> fieldPerColumn) {
        Map<String, int[]> fields = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            int[] previous = fields.get(fieldPerColumn.get(i));
            int[] indexes = previous == null ? new int[] { i } : Arrays.copyOf(previous, previous.length + 1);
            indexes[indexes.length - 1] = i;
            fields.put(fieldPerColumn.get(i), indexes);
        }
        return new FlatRecordParser(columns, fields, false);
    }

    /** The staging_events parser, as the loader builds it from log_json_path.json. */
    private static FlatRecordParser eventParser() {
        return pathsParser(StagingSchema.EVENTS, SampleDataGenerator.EVENT_FIELDS);
    }

    private static List<Object> fastEvent(String json) throws Exception {
        return fast(eventParser(), json, StagingSchema.EVENTS.size());
    }

    private static List<Object> fastSong(String json) throws Exception {
        return fast(autoParser(StagingSchema.SONGS), json, StagingSchema.SONGS.size());
    }

    /** The fast path's row, with VARCHAR values as {@link Utf8}; fails if the fast path declines. */
    private static List<Object> fast(FlatRecordParser parser, String json, int width) throws Exception {
        byte[] record = bytes(json);
        Object[] row = new Object[width];

        assertThat(parser.parse(record, 0, record.length, row)).as("fast path result")
                .isEqualTo(FlatRecordParser.MAPPED);
        return Outcome.row(row).values();
    }

    private static boolean declinedEvent(String json) {
        return declined(eventParser(), bytes(json), StagingSchema.EVENTS.size());
    }

    private static boolean declined(FlatRecordParser parser, byte[] record, int width) {
        return parser.parse(record, 0, record.length, new Object[width]) == FlatRecordParser.DECLINED;
    }

    private static boolean wellFormed(byte[] b) {
        return FlatRecordParser.wellFormedUtf8(b, 0, b.length);
    }

    private static boolean wellFormed(int... unsigned) {
        byte[] b = new byte[unsigned.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) unsigned[i];
        }
        return wellFormed(b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte wanted) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + (char) wanted);
    }

    private static String excerpt(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "… (" + s.length() + " chars)";
    }

    /** A VARCHAR value as the fast path gives it. */
    private static Utf8 text(String s) {
        return new Utf8(bytes(s));
    }

    /** UTF-8 bytes compared by content and shown as text and hex, so that failures are readable. */
    private record Utf8(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Utf8 other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return '"' + new String(bytes, StandardCharsets.UTF_8) + "\" [" + HexFormat.of().formatHex(bytes) + ']';
        }
    }

    /**
     * A row with VARCHAR values as {@link Utf8}, or an error's column and message. Values compare with
     * their own equals: Integer is not Long, and Double.equals tells -0.0 from 0.0.
     */
    private record Outcome(List<Object> values, String error) {

        static Outcome row(Object[] row) {
            List<Object> values = new ArrayList<>();
            for (Object v : row) {
                values.add(v instanceof byte[] b ? new Utf8(b) : v instanceof String s ? text(s) : v);
            }
            return new Outcome(values, null);
        }

        static Outcome error(RecordException e) {
            return new Outcome(null, e.column() + ": " + e.getMessage());
        }
    }

    private static Outcome general(RecordMapper mapper, byte[] record) {
        try {
            return Outcome.row(mapper.mapGeneral(record, 0, record.length));
        } catch (RecordException e) {
            return Outcome.error(e);
        }
    }

    private static Outcome utf8(RecordMapper mapper, byte[] record, int width) {
        try {
            return Outcome.row(mapper.mapUtf8(record, 0, record.length, new Object[width]));
        } catch (RecordException e) {
            return Outcome.error(e);
        }
    }

    private static String mismatch(int n, String path, byte[] record, Outcome expected, Outcome actual) {
        return "record " + n + " (" + path + "): " + printable(record) + "\n  general: " + expected
                + "\n  got:     " + actual;
    }

    /** The record with control and non-UTF-8 bytes made visible. */
    private static String printable(byte[] record) {
        String s = new String(record, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0xFFFD) {
                sb.append(String.format("<%02X>", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb + (s.contains("\uFFFD") ? " [hex " + HexFormat.of().formatHex(record) + "]" : "");
    }

    /**
     * Random records over {@link #FIELDS}, mostly plausible, often odd, sometimes malformed. Values
     * lean towards each field's own type so that many records are valid and reach the conversions.
     */
    private static final class RandomRecords {

        /** Keys no column has, some close to the real ones. */
        private static final List<String> UNKNOWN_KEYS =
                List.of("extra", "userAgent", "nam", "names", "Item", "ts2", "", "n\u00e4me", "length ");
        /** Escapes Jackson decodes; lone surrogates are legal JSON too. */
        private static final List<String> ESCAPES = List.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r",
                "\\t", "\\u0041", "\\u00e9", "\\u00E9", "\\u20ac", "\\u0000", "\\u001f", "\\u000b", "\\u2003",
                "\\u00a0", "\\uD83D\\uDE00", "\\uD83D", "\\uDE00");
        /** 2, 3 and 4 bytes in UTF-8. */
        private static final List<String> NON_ASCII = List.of("\u00e9", "\u00f6", "\u20ac", "\u4e2d", "\ud83d\ude00");
        /**
         * Whitespace to Java's String.isBlank (space, tab, VT, newline, em space; raw where JSON allows
         * it) and one that is not: the no-break space.
         */
        private static final List<String> WHITESPACE = List.of(" ", "  ", "\\t", "\\u000B", "\u2003", "\\u2003",
                "\u00a0", "\\n");
        /** Strings that are numbers to a human, some of them to COPY. */
        private static final List<String> NUMERIC_STRINGS = List.of("42", " 42 ", "-7", "4.5", "1e3", "-1E-2",
                "abc", "NaN", "0x1p3", "1541106106796", "\\t5\\n", "3000000000", "1.0", "");
        /**
         * Zeros of both signs; the int, long and timestamp bounds; the ends of the double range; and
         * decimals the fast conversion must round exactly as Double.parseDouble does.
         */
        private static final List<String> SPECIAL_NUMBERS = List.of("0", "-0", "0.0", "-0.0", "0.000", "-0.000",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "999999999", "-999999999", "1000000000",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "12345678901234567890123",
                "9224318015999", "9224318016000", "-9224318015999", "-9224318016000", "1541106106796.0",
                "4.9e-324", "1e-400", "2.2250738585072012e-308", "1.7976931348623157e308", "1e309", "-1e309",
                "0.1", "0.3", "9007199254740993", "123456789012345.6", "0.000000000000000000001",
                "0.0000000000000000000001", "1.00000000000000000000000000001");
        /** Not JSON numbers, though some languages would take them. */
        private static final List<String> BAD_NUMBERS = List.of("007", "-01", "00", "01.5", "1.", ".5", "+1", "-",
                "1e", "1e+", "1.5.2", "0x10", "1_000", "NaN", "Infinity", "-Infinity", "--1", "1-");
        /** Objects and arrays for unknown keys, or for mapped ones, which the general path turns into text. */
        private static final List<String> STRUCTURES = List.of("{}", "[]", "{\"a\":1,\"b\":[true,null,\"x\"]}",
                "[\"x\",\"y\"]", "{\"k\":[\"v\",{\"w\":\"z\"}]}", "[[[[\"deep\"]]]]", "[1.5e3,-0,false]",
                "{\"s\":\"caf\u00e9 \\u00e9\"}", "{ \"a\" : [ \"b\" , { } ] }");

        private final Random random;
        private ByteArrayOutputStream out;
        /** Two records in three are plausible data with every legal oddity; in the third anything goes. */
        private boolean wild;
        /**
         * Whether the value being written is an unknown key's: such values may be damaged in any
         * record, so that a fault in them is often the record's only one.
         */
        private boolean skipped;

        RandomRecords(Random random) {
            this.random = random;
        }

        byte[] next() {
            out = new ByteArrayOutputStream();
            wild = random.nextInt(3) == 0;
            ws();
            raw("{");
            List<String> keys = keys();
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    ws();
                    raw(",");
                }
                ws();
                key(keys.get(i));
                ws();
                raw(":");
                ws();
                value(keys.get(i));
            }
            ws();
            raw("}");
            ws();
            byte[] record = out.toByteArray();
            return wild && random.nextInt(6) == 0 ? corrupt(record) : record;
        }

        /** Most fields, in any order, with unknown and repeated keys now and then. */
        private List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (String field : FIELDS) {
                if (random.nextInt(5) != 0) {
                    keys.add(field);
                }
            }
            for (int i = random.nextInt(4) - 1; i > 0; i--) {
                keys.add(pick(UNKNOWN_KEYS));
            }
            if (!keys.isEmpty() && random.nextInt(8) == 0) {
                keys.add(pick(keys));
            }
            if (random.nextInt(3) != 0) {
                Collections.shuffle(keys, random);
            }
            return keys;
        }

        private void key(String key) {
            String spelled = switch (random.nextInt(12)) {
                case 0 -> key.toUpperCase(Locale.ROOT);
                case 1 -> randomCase(key);
                default -> key;
            };
            switch (random.nextInt(80)) {
                case 0 -> raw(wild ? spelled : "\"" + spelled + "\""); // unquoted, in wild records
                case 1 -> raw("\"\\u00" + Integer.toHexString(spelled.isEmpty() ? 'x' : spelled.charAt(0))
                        + spelled.substring(Math.min(1, spelled.length())) + "\"");
                default -> raw("\"" + spelled + "\"");
            }
        }

        private String randomCase(String s) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                sb.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return sb.toString();
        }

        private void value(String key) {
            skipped = !FIELDS.contains(key);
            if (!wild) {
                if (random.nextInt(10) == 0) {
                    raw("null");
                } else {
                    typedValue(key);
                }
                return;
            }
            int kind = random.nextInt(100);
            if (kind < 45) {
                typedValue(key);
            } else if (kind < 53) {
                raw("null");
            } else if (kind < 57) {
                raw(random.nextBoolean() ? "true" : "false");
            } else if (kind < 72) {
                string();
            } else if (kind < 87) {
                raw(number());
            } else if (kind < 92) {
                raw("\"" + pick(NUMERIC_STRINGS) + "\"");
            } else if (kind < 97) {
                structure(0);
            } else {
                malformedValue();
            }
        }

        /** A value of the field's own type, as real data has it. */
        private void typedValue(String key) {
            switch (key) {
                case "name", "note" -> string();
                case "itemInSession" -> raw(random.nextInt(6) == 0 ? number()
                        : Integer.toString(random.nextInt(2000) - 10));
                case "length" -> raw(random.nextBoolean() ? number()
                        : decimal(1 + random.nextInt(4), 1 + random.nextInt(8)));
                case "ts" -> raw(random.nextInt(6) == 0 ? number()
                        : Long.toString(1_540_000_000_000L + (long) (random.nextDouble() * 5e9)));
                default -> { // unknown keys: skipped, but still read through by Jackson
                    switch (random.nextInt(5)) {
                        case 0, 1 -> structure(0);
                        case 2, 3 -> string();
                        default -> damagedStructure();
                    }
                }
            }
        }

        /** A string of pieces: lengths around 8 and 64 bytes, blank ones, escapes and non-ASCII. */
        private void string() {
            raw("\"");
            if (random.nextInt(6) == 0) {
                for (int i = random.nextInt(4); i >= 0; i--) {
                    raw(pick(WHITESPACE));
                }
            } else {
                // Mostly short enough for the 8-byte column, often not.
                for (int i = random.nextInt(random.nextInt(3) == 0 ? 7 : 3); i > 0; i--) {
                    stringPiece();
                }
            }
            raw("\"");
        }

        private void stringPiece() {
            switch (random.nextInt(20)) {
                case 0, 1, 2 -> raw(pick(ESCAPES));
                case 3, 4 -> raw(pick(NON_ASCII));
                case 5 -> raw(pick(WHITESPACE));
                case 6 -> raw("x".repeat(55 + random.nextInt(15)));
                case 7 -> {
                    if ((wild || skipped) && random.nextInt(4) == 0) {
                        malformedStringPiece();
                    } else {
                        raw("Des'ree (\\\"live\\\")");
                    }
                }
                default -> raw(word());
            }
        }

        /** What Jackson refuses inside a string, or what the fast path must not take as valid UTF-8. */
        private void malformedStringPiece() {
            switch (random.nextInt(4)) {
                case 0 -> out.write(pick(List.of(0x01, 0x09, 0x0A, 0x1F))); // unescaped control character
                case 1 -> raw(pick(List.of("\\q", "\\u12G4", "\\x41", "\\U0041", "\\'")));
                default -> unsigned(pick(List.of(
                        new int[] { 0xC3, 0x28 },             // lead byte, then ASCII
                        new int[] { 0x80 },                   // stray continuation
                        new int[] { 0xC0, 0x80 },             // overlong NUL
                        new int[] { 0xE0, 0x80, 0x80 },       // overlong 3-byte
                        new int[] { 0xED, 0xA0, 0x80 },       // surrogate
                        new int[] { 0xF4, 0x90, 0x80, 0x80 }, // above U+10FFFF
                        new int[] { 0xF5, 0x80, 0x80, 0x80 }, // F5 lead
                        new int[] { 0xE2, 0x82 },             // cut before the quote
                        new int[] { 0xFF })));
            }
        }

        private String word() {
            String alphabet = "abcdefXYZ0189 -',.()";
            StringBuilder sb = new StringBuilder();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        }

        /** Every JSON number form, edge values and decimals long enough to leave the exact fast conversion. */
        private String number() {
            return switch (random.nextInt(11)) {
                case 0 -> Integer.toString(random.nextInt(1000));
                case 1 -> Integer.toString(-random.nextInt(100000));
                case 2, 3 -> pick(SPECIAL_NUMBERS);
                case 4 -> (random.nextBoolean() ? "-" : "") + decimal(1 + random.nextInt(4), 1 + random.nextInt(8));
                case 5 -> decimal(1 + random.nextInt(3), random.nextBoolean() ? 0 : 1 + random.nextInt(3))
                        + pick(List.of("e", "E", "e+", "e-", "E-")) + digits(1 + random.nextInt(3));
                case 6 -> decimal(1 + random.nextInt(20), 0); // around int, long and 2^53
                case 7 -> decimal(1 + random.nextInt(6), 10 + random.nextInt(16)); // 15+ digit mantissas
                case 8 -> "0." + "0".repeat(random.nextInt(30)) + digits(1 + random.nextInt(16)); // tiny
                case 9 -> Double.toString(Double.longBitsToDouble(random.nextLong())); // any double, NaN too
                default -> Long.toString(1_500_000_000_000L + (long) (random.nextDouble() * 1e11))
                        + (random.nextInt(4) == 0 ? ".0" : "");
            };
        }

        /** An integer part without leading zeros (unless it is 0) and an optional fraction. */
        private String decimal(int intDigits, int fracDigits) {
            String integer = random.nextInt(8) == 0 ? "0" : nonZero() + digits(intDigits - 1);
            return fracDigits == 0 ? integer : integer + "." + digits(fracDigits);
        }

        private String nonZero() {
            return Integer.toString(1 + random.nextInt(9));
        }

        private String digits(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            return sb.toString();
        }

        /** Objects and arrays, nested a little, of every kind of value. */
        private void structure(int depth) {
            if (depth == 0 && random.nextInt(3) == 0) {
                raw(pick(STRUCTURES));
                return;
            }
            boolean object = random.nextBoolean();
            raw(object ? "{" : "[");
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    raw(",");
                }
                ws();
                if (object) {
                    raw("\"" + word() + "\"");
                    ws();
                    raw(":");
                    ws();
                }
                switch (random.nextInt(depth < 3 ? 6 : 4)) {
                    case 0 -> string();
                    case 1 -> raw(random.nextBoolean() ? number() : pick(List.of("true", "false", "null")));
                    case 2, 3 -> raw("\"" + word() + "\"");
                    default -> structure(depth + 1);
                }
                ws();
            }
            raw(object ? "}" : "]");
        }

        /** A structure with one byte dropped or one structural byte added: usually no longer JSON. */
        private void damagedStructure() {
            ByteArrayOutputStream record = out;
            out = new ByteArrayOutputStream();
            structure(1);
            byte[] structure = out.toByteArray();
            out = record;
            int at = random.nextInt(structure.length);
            out.write(structure, 0, at);
            if (random.nextBoolean()) {
                out.write(pick(List.of((int) ',', (int) ':', (int) '"', (int) '[', (int) ']', (int) '{', (int) '}')));
                out.write(structure, at, structure.length - at);
            } else {
                out.write(structure, at + 1, structure.length - at - 1);
            }
        }

        private void malformedValue() {
            switch (random.nextInt(3)) {
                case 0 -> raw(pick(BAD_NUMBERS));
                case 1 -> raw(pick(List.of("tru", "nul", "True", "NULL", "undefined", "'single'", "\"open")));
                default -> {
                    raw("\"");
                    malformedStringPiece();
                    raw("\"");
                }
            }
        }

        /** Whitespace between tokens: usually none, sometimes JSON's four, rarely a kind JSON refuses. */
        private void ws() {
            if (wild && random.nextInt(400) == 0) {
                raw(pick(List.of("\f", "\u00a0", "\u000b")));
                return;
            }
            if (random.nextInt(4) != 0) {
                return;
            }
            for (int i = random.nextInt(3); i >= 0; i--) {
                raw(pick(List.of(" ", "\t", "\n", "\r", "\r\n")));
            }
        }

        /** Damage a well-formed record the ways files get damaged, or that hand-written JSON goes wrong. */
        private byte[] corrupt(byte[] record) {
            int at = random.nextInt(record.length);
            ByteArrayOutputStream damaged = new ByteArrayOutputStream();
            switch (random.nextInt(6)) {
                case 0 -> damaged.write(record, 0, at); // truncated
                case 1 -> { // a byte dropped
                    damaged.write(record, 0, at);
                    damaged.write(record, at + 1, record.length - at - 1);
                }
                case 2 -> { // a byte inserted: syntax, a control character or a stray UTF-8 byte
                    damaged.write(record, 0, at);
                    damaged.write(pick(List.of((int) ',', (int) ':', (int) '"', (int) '\\', (int) '{', (int) '}',
                            (int) '[', (int) ']', (int) ' ', 0x01, 0x80, 0xC3, 0xFF)));
                    damaged.write(record, at, record.length - at);
                }
                case 3 -> { // a trailing comma before the closing brace
                    int close = lastIndexOf(record, (byte) '}');
                    damaged.write(record, 0, close);
                    damaged.write(',');
                    damaged.write(record, close, record.length - close);
                }
                case 4 -> { // text after the object
                    damaged.write(record, 0, record.length);
                    damaged.writeBytes(bytes(pick(List.of("x", "}", ",", "{}", " 1"))));
                }
                default -> { // not an object
                    damaged.writeBytes(bytes(pick(List.of("[", "\"", "1", ""))));
                    damaged.write(record, 0, record.length);
                }
            }
            return damaged.toByteArray();
        }

        private static int lastIndexOf(byte[] b, byte wanted) {
            for (int i = b.length - 1; i >= 0; i--) {
                if (b[i] == wanted) {
                    return i;
                }
            }
            return b.length;
        }

        private void raw(String s) {
            out.writeBytes(bytes(s));
        }

        private void unsigned(int[] bytes) {
            for (int b : bytes) {
                out.write(b);
            }
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }
    }
}
