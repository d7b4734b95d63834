package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final List<String> FIELDS = RandomRecords.FIELDS;
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
                int verdict = setup.parser().parse(record, 0, record.length, row);
                if (setup.parser().parse(record, 0, record.length, null) != verdict) {
                    mismatches.add(n + " " + setup.label() + ": the verdict without a row differs: "
                            + new String(record, StandardCharsets.UTF_8));
                }
                if (verdict == FlatRecordParser.MAPPED) {
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

    @Test
    void shouldGiveTheSameVerdictWithoutARowWhenDecliningBlanks() throws Exception {
        // A check builds no row, and decodes an escaped string only when it might be blank.
        FlatRecordParser declining = autoParser(COLUMNS, true);
        FlatRecordParser keeping = autoParser(COLUMNS);
        RandomRecords generator = new RandomRecords(new Random(SEED + 1));
        int mapped = 0;
        int blanksDeclined = 0;
        for (int n = 0; n < RECORDS; n++) {
            byte[] record = generator.next();
            int verdict = declining.parse(record, 0, record.length, new Object[COLUMNS.size()]);
            assertThat(declining.parse(record, 0, record.length, null)).as(new String(record, StandardCharsets.UTF_8))
                    .isEqualTo(verdict);
            mapped += verdict == FlatRecordParser.MAPPED ? 1 : 0;
            if (verdict != FlatRecordParser.MAPPED
                    && keeping.parse(record, 0, record.length, new Object[COLUMNS.size()]) == FlatRecordParser.MAPPED) {
                blanksDeclined++;
            }
        }
        assertThat(mapped).as("records mapped").isGreaterThan(RECORDS / 5);
        assertThat(blanksDeclined).as("records declined for a blank string only").isGreaterThan(RECORDS / 50);
    }

    @Test
    void shouldMeasureAnEscapedStringDecodedAgainstItsColumnsWidth() throws Exception {
        // "name" holds 8 bytes. Raw, these strings are 12 to 25 bytes; decoded, 8 fit and 9 do not, with
        // or without a row (a check decodes only strings that may be blank, and measures the others).
        FlatRecordParser parser = autoParser(COLUMNS);
        String slashes = "{\"name\":\"a\\/b\\/c\\/d\\/\"}";
        String accents = "{\"name\":\"\\u00e9\\u00e9\\u00e9\\u00e9\"}";

        assertThat(fast(parser, slashes, COLUMNS.size()).get(0)).isEqualTo(text("a/b/c/d/"));
        assertThat(fast(parser, accents, COLUMNS.size()).get(0)).isEqualTo(text("\u00e9\u00e9\u00e9\u00e9"));
        for (String record : List.of(slashes, accents)) {
            byte[] fits = bytes(record);
            byte[] tooLong = bytes(record.replace("\"}", "\\/\"}"));
            assertThat(parser.parse(fits, 0, fits.length, null)).as(record).isEqualTo(FlatRecordParser.MAPPED);
            assertThat(declined(parser, tooLong, COLUMNS.size())).as(record + " and one more").isTrue();
            assertThat(parser.parse(tooLong, 0, tooLong.length, null)).as(record + " and one more")
                    .isEqualTo(FlatRecordParser.DECLINED);
        }
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
        return autoParser(columns, false);
    }

    private static FlatRecordParser autoParser(List<StagingColumn> columns, boolean declineBlanks) {
        Map<String, int[]> fields = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.put(columns.get(i).name().toLowerCase(Locale.ROOT), new int[] { i });
        }
        return new FlatRecordParser(columns, fields, true, declineBlanks);
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
        return new FlatRecordParser(columns, fields, false, false);
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
}
