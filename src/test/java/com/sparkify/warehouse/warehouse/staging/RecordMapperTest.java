package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Conversion of JSON records to staging rows, following COPY's JSONPaths and 'auto ignorecase' rules.
 */
class RecordMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<StagingColumn> COLUMNS = List.of(
            StagingColumn.varchar("name", 8),
            StagingColumn.of("count", ColumnType.INTEGER),
            StagingColumn.of("score", ColumnType.DOUBLE),
            StagingColumn.of("ts", ColumnType.TIMESTAMP_MILLIS));

    private static Object[] map(RecordMapper mapper, String json) throws RecordException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return mapper.map(bytes, 0, bytes.length);
    }

    private static RecordMapper auto(boolean truncate) {
        return RecordMapper.auto(COLUMNS, truncate, JSON);
    }

    private static JsonPaths paths(String json) throws IOException {
        return JsonPaths.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), JSON);
    }

    @Test
    void shouldMatchKeysToColumnsIgnoringCaseAndUnknownKeys() throws Exception {
        Object[] row = map(auto(true), "{\"NAME\":\"ab\",\"Count\":3,\"extra\":{\"x\":[1]},\"score\":1.5,\"ts\":1541105830796}");

        assertThat(row).containsExactly("ab", 3, 1.5, 1541105830796L);
    }

    @Test
    void shouldLoadMissingKeysNullsAndBlankStringsAsNull() throws Exception {
        assertThat(map(auto(true), "{\"name\":\"  \",\"count\":null}")).containsExactly(null, null, null, null);
    }

    @Test
    void shouldLeaveStringsOfWhitespaceOnlyToTheGeneralPathWhenBlanksAreDeclined() throws Exception {
        RecordMapper mapper = auto(true).declineBlanks();
        // A space, JSON's tab escapes, a raw em space and an escaped space.
        Object[] row = new Object[mapper.width()];

        for (String blank : List.of(" ", "\\t\\t", "\u2003", "\\u0020")) {
            byte[] record = ("{\"name\":\"" + blank + "\",\"count\":1}").getBytes(StandardCharsets.UTF_8);
            assertThat(mapper.mapsFast(record, 0, record.length, row)).as(blank).isFalse();
            assertThat(mapper.map(record, 0, record.length)).as(blank).containsExactly(null, 1, null, null);
        }
        // Only the empty string and text (spaces around it included) stay on the fast path.
        for (String kept : List.of("", " a ")) {
            byte[] record = ("{\"name\":\"" + kept + "\",\"count\":1}").getBytes(StandardCharsets.UTF_8);
            assertThat(mapper.mapsFast(record, 0, record.length, row)).as(kept).isTrue();
        }
        assertThat(map(mapper, "{\"name\":\" a \"}")).containsExactly(" a ", null, null, null);
        byte[] blank = "{\"name\":\"  \"}".getBytes(StandardCharsets.UTF_8);
        assertThat(auto(true).mapsFast(blank, 0, blank.length, row)).as("without declineBlanks").isTrue();
    }

    @Test
    void shouldConvertNumbersAndNumericStringsLikeCopy() throws Exception {
        Object[] row = map(auto(true), "{\"name\":12.50,\"count\":\"42\",\"score\":\"-1e3\",\"ts\":1541105830796.0}");

        assertThat(row).containsExactly("12.50", 42, -1000.0, 1541105830796L);
    }

    @Test
    void shouldRejectAFractionForAnIntegerColumn() {
        assertThatThrownBy(() -> map(auto(true), "{\"count\":1.5}"))
                .isInstanceOf(RecordException.class)
                .hasMessage("not an integer: 1.5")
                .extracting(e -> ((RecordException) e).column()).isEqualTo("count");
    }

    @Test
    void shouldRejectANonNumericString() {
        assertThatThrownBy(() -> map(auto(true), "{\"score\":\"NaN\"}"))
                .hasMessage("not a number: \"NaN\"");
    }

    @Test
    void shouldRejectABooleanForANumber() {
        assertThatThrownBy(() -> map(auto(true), "{\"count\":true}"))
                .hasMessage("expected an integer, found a boolean");
    }

    @Test
    void shouldRejectAnIntegerOutOfRange() {
        assertThatThrownBy(() -> map(auto(true), "{\"count\":3000000000}"))
                .hasMessage("out of range for an integer: 3000000000");
    }

    @Test
    void shouldRejectEpochMillisecondsOutOfTheTimestampRangeAtBothEnds() throws Exception {
        assertThat(map(auto(true), "{\"ts\":-9224318015999}")[3]).isEqualTo(-9_224_318_015_999L);
        assertThatThrownBy(() -> map(auto(true), "{\"ts\":9224318016000}"))
                .hasMessage("out of range for a timestamp: 9224318016000");
        assertThatThrownBy(() -> map(auto(true), "{\"ts\":-9224318016000}"))
                .hasMessage("out of range for a timestamp: -9224318016000");
        // The long whose absolute value is itself negative.
        assertThatThrownBy(() -> map(auto(true), "{\"ts\":-9223372036854775808}"))
                .hasMessage("out of range for a timestamp: -9223372036854775808");
    }

    @Test
    void shouldTruncateLongStringsAtACharacterBoundaryWhenAllowed() throws Exception {
        // "ééééé" is 10 bytes in UTF-8; the column holds 8, so 4 characters remain.
        assertThat(map(auto(true), "{\"name\":\"\u00e9\u00e9\u00e9\u00e9\u00e9\"}")[0]).isEqualTo("\u00e9\u00e9\u00e9\u00e9");
    }

    @Test
    void shouldRejectLongStringsWhenTruncationIsOff() {
        assertThatThrownBy(() -> map(auto(false), "{\"name\":\"123456789\"}"))
                .hasMessage("value too long: 9 bytes, column name holds 8");
    }

    @Test
    void shouldRejectMalformedJson() {
        assertThatThrownBy(() -> map(auto(true), "{\"name\": \"a\" \"count\": 1}"))
                .isInstanceOf(RecordException.class)
                .hasMessageStartingWith("malformed JSON: Unexpected character");
    }

    @Test
    void shouldRejectInvalidUtf8() {
        byte[] bad = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

        assertThatThrownBy(() -> auto(true).map(bad, 0, bad.length))
                .isInstanceOf(RecordException.class)
                .hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void shouldTakeColumnsInJsonPathsOrder() throws Exception {
        RecordMapper mapper = RecordMapper.forJsonPaths(COLUMNS,
                paths("{\"jsonpaths\":[\"$['b']\",\"$.a\",\"$['c']\",\"$[\\\"d\\\"]\"]}"), true, JSON);

        assertThat(map(mapper, "{\"a\":7,\"b\":\"x\",\"c\":2.5,\"d\":0}")).containsExactly("x", 7, 2.5, 0L);
    }

    @Test
    void shouldFollowNestedPathsAndArrayIndexes() throws Exception {
        RecordMapper mapper = RecordMapper.forJsonPaths(COLUMNS,
                paths("{\"jsonpaths\":[\"$.user.name\",\"$['items'][1]\",\"$.missing.deep\",\"$.ts\"]}"), true, JSON);

        Object[] row = map(mapper, "{\"user\":{\"name\":\"ann\"},\"items\":[5,6],\"ts\":\"1000\"}");

        assertThat(Arrays.asList(row)).containsExactly("ann", 6, null, 1000L);
    }

    @Test
    void shouldRefuseJsonPathsWithTheWrongNumberOfExpressions() throws Exception {
        JsonPaths three = paths("{\"jsonpaths\":[\"$.a\",\"$.b\",\"$.c\"]}");

        assertThatThrownBy(() -> RecordMapper.forJsonPaths(COLUMNS, three, true, JSON))
                .hasMessage("the JSONPaths file has 3 expressions but the table has 4 columns");
    }
}
