package com.sparkify.warehouse.warehouse.staging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random JSON records over {@link #FIELDS}, mostly plausible, often odd, sometimes malformed. Values
 * lean towards each field's own type so that many records are valid and reach the conversions.
 */
public final class RandomRecords {

    /** The fields records have, of every column type: two strings, an integer, a double and epoch milliseconds. */
    public static final List<String> FIELDS = List.of("name", "note", "itemInSession", "length", "ts");

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

    public RandomRecords(Random random) {
        this.random = random;
    }

    public byte[] next() {
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
