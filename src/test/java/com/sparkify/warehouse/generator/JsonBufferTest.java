package com.sparkify.warehouse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Escaping and number formatting of the JSON writer. */
class JsonBufferTest {

    @Test
    void fixedPointNumbersAreWrittenLikePythonFloats() {
        assertThat(fixed5(21893179)).isEqualTo("218.93179");
        assertThat(fixed5(21394240)).isEqualTo("213.9424");
        assertThat(fixed5(21300000)).isEqualTo("213.0");
        assertThat(fixed5(-8677836)).isEqualTo("-86.77836");
        assertThat(fixed5(5)).isEqualTo("0.00005");
        assertThat(fixed5(-12714)).isEqualTo("-0.12714");
        // The text parses to the same double as the exact quotient, so lengths compare equal.
        assertThat(Double.parseDouble(fixed5(21893179))).isEqualTo(21893179 / 100_000.0);
    }

    @Test
    void stringsAreAsciiWithPythonStyleEscapes() {
        assertThat(string("Clementina Santafè", false)).isEqualTo("\"Clementina Santaf\\u00e8\"");
        assertThat(string("a/b \"c\" \\ \n\u0019", false)).isEqualTo("\"a/b \\\"c\\\" \\\\ \\n\\u0019\"");
        assertThat(string("Mozilla/5.0", true)).isEqualTo("\"Mozilla\\/5.0\"");
    }

    @Test
    void doubleEncodingReproducesTheRealLogOddity() {
        String logged = JsonBuffer.doublyUtf8Encoded("Björk");
        assertThat(logged).isEqualTo("Bj\u00c3\u0083\u00c2\u00b6rk");
        assertThat(string(logged, true)).isEqualTo("\"Bj\\u00c3\\u0083\\u00c2\\u00b6rk\"");
        assertThat(JsonBuffer.doublyUtf8Encoded("Undo")).isEqualTo("Undo");
    }

    @Test
    void numbersAndGrowth() {
        JsonBuffer buffer = new JsonBuffer(2);
        buffer.number(0).raw(',').number(-42).raw(',').number(Long.MAX_VALUE).raw(',').number(Long.MIN_VALUE);
        assertThat(new String(buffer.toByteArray(), StandardCharsets.US_ASCII))
                .isEqualTo("0,-42,9223372036854775807,-9223372036854775808");
    }

    private static String fixed5(long units) {
        return new String(new JsonBuffer(4).fixed5(units).toByteArray(), StandardCharsets.US_ASCII);
    }

    private static String string(String value, boolean escapeSlash) {
        return new String(JsonBuffer.quoted(value, escapeSlash), StandardCharsets.US_ASCII);
    }
}
