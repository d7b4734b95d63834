package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growable byte buffer that writes pure-ASCII JSON the way the real Sparkify files
 * were written.
 *
 * <p>Every non-ASCII character is escaped as a lowercase {@code \\uXXXX} sequence (Python's
 * {@code ensure_ascii} style, as in both the song and the log files), so one char is one byte and
 * no charset encoder is needed on the hot path. Numbers are formatted by hand so that the text is
 * exactly what Python's {@code repr} would print for the values the generator produces.
 */
final class JsonBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private byte[] bytes;
    private int length;

    JsonBuffer(int initialCapacity) {
        this.bytes = new byte[initialCapacity];
    }

    int length() {
        return length;
    }

    void reset() {
        length = 0;
    }

    /** Writes the buffered bytes to {@code out}; the buffer is left unchanged. */
    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    JsonBuffer raw(byte[] fragment) {
        ensure(fragment.length);
        System.arraycopy(fragment, 0, bytes, length, fragment.length);
        length += fragment.length;
        return this;
    }

    /** Appends text that is known to be ASCII and to need no escaping (keys, fixed values). */
    JsonBuffer raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonBuffer raw(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    JsonBuffer nullValue() {
        return raw(NULL);
    }

    /**
     * Appends a quoted JSON string.
     *
     * @param escapeSlash whether to write {@code /} as {@code \/}: the event logs do, the
     *                    Python-written song files do not
     */
    JsonBuffer string(String value, boolean escapeSlash) {
        int n = value.length();
        // Worst case is six bytes per char (\\uXXXX) plus the quotes.
        ensure(n * 6 + 2);
        byte[] b = bytes;
        int p = length;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '/') {
                b[p++] = (byte) c;
                continue;
            }
            switch (c) {
                case '"' -> {
                    b[p++] = '\\';
                    b[p++] = '"';
                }
                case '\\' -> {
                    b[p++] = '\\';
                    b[p++] = '\\';
                }
                case '/' -> {
                    if (escapeSlash) {
                        b[p++] = '\\';
                    }
                    b[p++] = '/';
                }
                case '\n' -> {
                    b[p++] = '\\';
                    b[p++] = 'n';
                }
                case '\r' -> {
                    b[p++] = '\\';
                    b[p++] = 'r';
                }
                case '\t' -> {
                    b[p++] = '\\';
                    b[p++] = 't';
                }
                case '\b' -> {
                    b[p++] = '\\';
                    b[p++] = 'b';
                }
                case '\f' -> {
                    b[p++] = '\\';
                    b[p++] = 'f';
                }
                default -> {
                    b[p++] = '\\';
                    b[p++] = 'u';
                    b[p++] = HEX[(c >> 12) & 0xf];
                    b[p++] = HEX[(c >> 8) & 0xf];
                    b[p++] = HEX[(c >> 4) & 0xf];
                    b[p++] = HEX[c & 0xf];
                }
            }
        }
        b[p++] = '"';
        length = p;
        return this;
    }

    JsonBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return raw(Long.toString(value));
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        reverse(start, length - 1);
        return this;
    }

    /**
     * Appends a decimal with up to five fraction digits given in units of 1e-5, trimmed like
     * Python's float repr: 21893179 gives {@code 218.93179}, 21394240 gives {@code 213.9424} and
     * 21300000 gives {@code 213.0}.
     */
    JsonBuffer fixed5(long units) {
        if (units < 0) {
            raw('-');
            units = -units;
        }
        number(units / 100_000);
        int fraction = (int) (units % 100_000);
        raw('.');
        if (fraction == 0) {
            return raw('0');
        }
        int digits = 5;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        ensure(5);
        for (int i = digits - 1; i >= 0; i--) {
            bytes[length + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        length += digits;
        return this;
    }

    /** Returns the quoted, escaped JSON form of {@code value} as a reusable fragment. */
    static byte[] quoted(String value, boolean escapeSlash) {
        return new JsonBuffer(value.length() * 6 + 2).string(value, escapeSlash).toByteArray();
    }

    static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reproduces the encoding accident of the real event logs: non-ASCII text was UTF-8 encoded
     * and read back as Latin-1 twice, so "Björk" reaches the log as "BjÃ\u0083Â¶rk".
     */
    static String doublyUtf8Encoded(String value) {
        String once = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return new String(once.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte t = bytes[from];
            bytes[from++] = bytes[to];
            bytes[to--] = t;
        }
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
