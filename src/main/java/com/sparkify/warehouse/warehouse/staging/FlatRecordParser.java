package com.sparkify.warehouse.warehouse.staging;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link RecordMapper} for the records Sparkify's files are made of: one flat JSON
 * object whose mapped fields hold strings, plain numbers or null. It reads the record's bytes once,
 * without building a parser, a token stream or Java strings, and gives string values as UTF-8 bytes
 * ready for the appender.
 *
 * <p>It only takes cases whose result is certain and <em>declines</em> everything else (escaped or
 * non-ASCII keys, a mapped field holding a boolean, object or array, a number where a string is
 * expected, a string where a number is expected, floats in integer columns, values too long,
 * malformed or suspicious UTF-8, surrogate escapes, any syntax error, even inside skipped values,
 * and sizes near Jackson's read limits). Declined records go through
 * the general Jackson path, which gives the answer or the error message; so both paths always
 * agree, and a test checks that they do.
 */
final class FlatRecordParser {

    /** Parse result: the row was filled. */
    static final int MAPPED = 1;
    /** Parse result: this record needs the general path. */
    static final int DECLINED = 0;

    private static final long MAX_EPOCH_MILLIS = 9_224_318_015_999_999L / 1000;
    /*
     * Jackson's read limits (StreamReadConstraints: 1000 nesting levels, 1000-character numbers,
     * 50000-byte names) fail records that are otherwise valid. Far lower bounds than those, never
     * reached by real data, send such records to the general path whatever the limits are set to.
     */
    private static final int MAX_SKIPPED_DEPTH = 64;
    private static final int MAX_NUMBER_CHARS = 64;
    private static final int MAX_KEY_BYTES = 256;
    private static final double[] POW10 = new double[23];
    /** Eight bytes of a string at a time: most of a record's bytes are plain ASCII text inside strings. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** What a number is once checked, in a check that builds no values. */
    private static final Object CHECKED = Boolean.TRUE;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final StagingColumn[] columns;
    private final byte[][] names;
    private final int[][] indexes;
    private final boolean ignoreCase;
    private final boolean declineBlanks;
    /** Per field, a bit for each NOT NULL column it fills; and all those columns' bits. */
    private final long[] notNullBits;
    private final long notNullMask;

    /**
     * Fields by name (lower case when matching ignores case) to the column indexes they fill. With
     * {@code declineBlanks}, strings of whitespace only (not the empty string) are declined rather
     * than mapped to NULL: for checking a reader that turns only empty strings into NULL.
     */
    FlatRecordParser(List<StagingColumn> columns, Map<String, int[]> fields, boolean ignoreCase,
            boolean declineBlanks) {
        this.columns = columns.toArray(StagingColumn[]::new);
        this.names = new byte[fields.size()][];
        this.indexes = new int[fields.size()][];
        int i = 0;
        // Table order first: records usually list fields in the same order, which makes lookups one compare.
        for (Map.Entry<String, int[]> field : fields.entrySet().stream()
                .sorted((a, b) -> Integer.compare(a.getValue()[0], b.getValue()[0])).toList()) {
            names[i] = field.getKey().getBytes(StandardCharsets.UTF_8);
            indexes[i] = field.getValue();
            i++;
        }
        this.ignoreCase = ignoreCase;
        this.declineBlanks = declineBlanks;
        this.notNullBits = new long[indexes.length];
        long mask = 0;
        for (int f = 0; f < indexes.length; f++) {
            for (int target : indexes[f]) {
                if (this.columns[target].notNull()) {
                    notNullBits[f] |= 1L << target;
                }
            }
            mask |= notNullBits[f];
        }
        this.notNullMask = mask;
    }

    /**
     * Fills {@code row} (cleared first) from the object in {@code buf[off, off+len)}: VARCHAR values
     * as UTF-8 {@code byte[]}, INTEGER as Integer, DOUBLE as Double, timestamps as epoch-millisecond
     * Long, NULL as null. Returns {@link #MAPPED} or {@link #DECLINED}. A null {@code row} gets the
     * same answer with no values built (a check that needs only the verdict).
     */
    int parse(byte[] buf, int off, int len, Object[] row) {
        int end = off + len;
        int p = object(buf, skipWs(buf, off, end, true), end, row, true);
        return p >= 0 && skipWs(buf, p, end, true) == end ? MAPPED : DECLINED;
    }

    /**
     * Parses the object starting at {@code buf[off]} (a brace) on one line, reading no further than
     * {@code limit}: returns the index after its closing brace, or -1 when declined, when the object
     * spans lines (line numbers are the reader's business) or when the buffer ends inside it.
     */
    int parseLine(byte[] buf, int off, int limit, Object[] row) {
        return object(buf, off, limit, row, false);
    }

    /** The object at {@code p}: the index after it, or -1. */
    private int object(byte[] buf, int p, int end, Object[] row, boolean newlines) {
        if (row != null) {
            Arrays.fill(row, null);
        }
        if (p >= end || buf[p] != '{') {
            return -1;
        }
        p = skipWs(buf, p + 1, end, newlines);
        if (p < end && buf[p] == '}') {
            return notNullMask == 0 ? p + 1 : -1;
        }
        int expected = 0;
        // NOT NULL columns given a value: a record missing one, or giving it null, takes the general
        // path, which rejects it with a message.
        long filled = 0;
        while (true) {
            if (p >= end || buf[p] != '"') {
                return -1;
            }
            int keyStart = p + 1;
            int q = keyStart;
            while (q < end && buf[q] != '"') {
                byte b = buf[q];
                if (b == '\\' || b < 0x20) { // escapes, control and (signed) non-ASCII bytes
                    return -1;
                }
                q++;
            }
            if (q >= end || q - keyStart > MAX_KEY_BYTES) {
                return -1;
            }
            int field = find(buf, keyStart, q, expected);
            p = skipWs(buf, q + 1, end, newlines);
            if (p >= end || buf[p] != ':') {
                return -1;
            }
            p = skipWs(buf, p + 1, end, newlines);
            if (p >= end) {
                return -1;
            }
            if (field < 0) {
                p = skipValue(buf, p, end, 0);
            } else {
                expected = field + 1;
                if (notNullBits[field] != 0) {
                    if (buf[p] == 'n') {
                        return -1;
                    }
                    filled |= notNullBits[field];
                }
                p = value(buf, p, end, indexes[field], row);
            }
            if (p < 0) {
                return -1;
            }
            p = skipWs(buf, p, end, newlines);
            if (p >= end) {
                return -1;
            }
            if (buf[p] == ',') {
                p = skipWs(buf, p + 1, end, newlines);
            } else if (buf[p] == '}') {
                return filled == notNullMask ? p + 1 : -1;
            } else {
                return -1;
            }
        }
    }

    /** The field named {@code buf[from, to)}, trying the one after the previous field first; -1 if none. */
    private int find(byte[] buf, int from, int to, int expected) {
        if (expected < names.length && matches(names[expected], buf, from, to)) {
            return expected;
        }
        for (int i = 0; i < names.length; i++) {
            if (i != expected && matches(names[i], buf, from, to)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(byte[] name, byte[] buf, int from, int to) {
        if (name.length != to - from) {
            return false;
        }
        if (!ignoreCase) {
            return Arrays.equals(name, 0, name.length, buf, from, to);
        }
        for (int i = 0; i < name.length; i++) {
            byte b = buf[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Converts the value at {@code p} into each of the field's columns; returns the index after it or -1. */
    private int value(byte[] buf, int p, int end, int[] targets, Object[] row) {
        byte b = buf[p];
        if (b == 'n') {
            if (p + 4 > end || buf[p + 1] != 'u' || buf[p + 2] != 'l' || buf[p + 3] != 'l') {
                return -1;
            }
            if (row != null) {
                for (int target : targets) {
                    row[target] = null;
                }
            }
            return p + 4;
        }
        if (b == '"') {
            return string(buf, p, end, targets, row);
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            return number(buf, p, end, targets, row);
        }
        return -1; // booleans, objects and arrays in mapped fields take the general path
    }

    private int string(byte[] buf, int p, int end, int[] targets, Object[] row) {
        int start = p + 1;
        int q = start;
        boolean escaped = false;
        boolean ascii = true;
        int shrink = 0; // bytes the escapes lose in decoding
        while (true) {
            while (q + Long.BYTES <= end && plain((long) WORDS.get(buf, q))) {
                q += Long.BYTES;
            }
            if (q >= end) {
                return -1;
            }
            byte b = buf[q];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                int decoded = escapeBytes(buf, q, end);
                if (decoded < 0) {
                    return -1;
                }
                escaped = true;
                int raw = rawLength(buf, q);
                shrink += raw - decoded;
                q += raw;
                continue;
            }
            if (b < 0) {
                ascii = false;
            } else if (b < 0x20) {
                return -1; // unescaped control characters are malformed JSON
            }
            q++;
        }
        byte[] utf8 = null;
        int length = q - start - shrink;
        if (escaped) {
            if (!ascii) {
                return -1; // non-ASCII bytes beside escapes: the general path decides
            }
            // A check (no row) decodes only to tell whether the string is blank.
            if (row != null || mayBeBlank(buf, start, q)) {
                utf8 = new byte[length];
                unescape(buf, start, q, utf8);
            }
        } else if (!ascii && !wellFormedUtf8(buf, start, q)) {
            return -1;
        }
        for (int target : targets) {
            StagingColumn column = columns[target];
            if (column.type() != ColumnType.VARCHAR || length > column.maxBytes()) {
                return -1; // numeric strings, values too long: the general path's rules apply
            }
        }
        boolean blank = !escaped ? isBlank(buf, start, q) : utf8 != null && isBlank(utf8, 0, utf8.length);
        if (blank && declineBlanks && length > 0) {
            return -1;
        }
        if (row != null) {
            byte[] value = blank ? null : escaped ? utf8 : Arrays.copyOfRange(buf, start, q);
            for (int target : targets) {
                row[target] = value;
            }
        }
        return q + 1;
    }

    private int number(byte[] buf, int p, int end, int[] targets, Object[] row) {
        int q = numberEnd(buf, p, end);
        // An exponent (rare in the data) is no delimiter either: the general path parses it.
        if (q < 0 || (q < end && !isDelimiter(buf[q])) || q - p > MAX_NUMBER_CHARS) {
            return -1;
        }
        boolean negative = buf[p] == '-';
        int intStart = negative ? p + 1 : p;
        int intEnd = intStart;
        while (intEnd < q && buf[intEnd] != '.') {
            intEnd++;
        }
        boolean integral = intEnd == q;
        for (int target : targets) {
            Object v = switch (columns[target].type()) {
                case INTEGER -> integral ? toInt(buf, intStart, intEnd, negative) : null;
                case TIMESTAMP_MILLIS -> integral ? toMillis(buf, intStart, intEnd, negative) : null;
                // At most 64 characters and no exponent: always a finite double, so a check skips it.
                case DOUBLE -> row == null ? CHECKED : toDouble(buf, p, q, intStart, intEnd, negative);
                case VARCHAR -> null; // the general path keeps the number's text
            };
            if (v == null) {
                return -1;
            }
            if (row != null) {
                row[target] = v;
            }
        }
        return q;
    }

    private static Integer toInt(byte[] buf, int from, int to, boolean negative) {
        if (to - from > 9) {
            return null; // may not fit: the general path decides
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        return negative ? -v : v;
    }

    private static Long toMillis(byte[] buf, int from, int to, boolean negative) {
        if (to - from > 18) {
            return null;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        if (v > MAX_EPOCH_MILLIS) {
            return null;
        }
        return negative ? -v : v;
    }

    /**
     * Exact when the digits fit in 15 and the scale is a power of ten a double holds exactly
     * (Clinger's fast path): one correctly rounded division, as Double.parseDouble gives.
     */
    private static Double toDouble(byte[] buf, int from, int to, int intStart, int intEnd, boolean negative) {
        long mantissa = 0;
        int digits = 0;
        for (int i = intStart; i < intEnd; i++) {
            mantissa = mantissa * 10 + (buf[i] - '0');
            if (mantissa != 0) {
                digits++;
            }
        }
        boolean fraction = intEnd < to; // the digits after the point run to the number's end
        int scale = 0;
        if (fraction) {
            for (int i = intEnd + 1; i < to; i++) {
                mantissa = mantissa * 10 + (buf[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
                scale++;
            }
        }
        double d;
        if (mantissa == 0 && !fraction) {
            d = 0.0; // an integer -0 is the int 0 to the general path, not the double -0.0
        } else if (digits <= 15 && scale < POW10.length) {
            d = scale == 0 ? (double) mantissa : mantissa / POW10[scale];
            d = negative ? -d : d;
        } else {
            d = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
            if (!Double.isFinite(d)) {
                return null;
            }
        }
        return d;
    }

    /** True when none of the eight bytes is a quote, a backslash, a control character or non-ASCII. */
    private static boolean plain(long w) {
        long quotes = w ^ 0x2222222222222222L;
        long backslashes = w ^ 0x5C5C5C5C5C5C5C5CL;
        // (v - ONES) & ~v has a byte's high bit set where v has a zero byte (exact when no byte of w is
        // non-ASCII, and the last term catches those); w - 0x20.. & ~w, where w has a byte below 0x20.
        long special = (quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes
                | (w - 0x2020202020202020L) & ~w | w;
        return (special & HIGHS) == 0;
    }

    /**
     * The UTF-8 length of the escape at {@code buf[p]} (a backslash) once decoded, or -1 where the
     * general path must decide: an unknown escape, a cut one, or a surrogate code point (Jackson keeps
     * lone ones, which UTF-8 cannot carry).
     */
    private static int escapeBytes(byte[] buf, int p, int end) {
        int c = escapedUnit(buf, p, end);
        return c < 0 || (c >= 0xD800 && c <= 0xDFFF) ? -1 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }

    /** The UTF-16 unit the JSON escape at {@code buf[p]} (a backslash) stands for; -1 when invalid or cut. */
    private static int escapedUnit(byte[] buf, int p, int end) {
        if (p + 1 >= end) {
            return -1;
        }
        return switch (buf[p + 1]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (p + 5 >= end) {
                    yield -1;
                }
                int c = 0;
                for (int k = 2; k <= 5; k++) {
                    int h = Character.digit(buf[p + k], 16);
                    if (h < 0) {
                        yield -1;
                    }
                    c = c << 4 | h;
                }
                yield c;
            }
            default -> -1;
        };
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * Skips a value of an unmapped field, nested ones included, checking it as strictly as the
     * general path does: Jackson reads skipped values through, so an invalid escape, a missing comma
     * or a bracket closed by a brace there makes the whole record malformed. Returns the index after
     * the value, or -1 where the general path must decide.
     */
    private static int skipValue(byte[] buf, int p, int end, int depth) {
        if (p >= end) {
            return -1;
        }
        byte b = buf[p];
        if (b == '"') {
            return skipString(buf, p, end);
        }
        if (b == '{' || b == '[') {
            return skipContainer(buf, p, end, depth + 1);
        }
        // literals and numbers: scanned loosely to the next delimiter, then checked whole
        int q = p;
        while (q < end && !isDelimiter(buf[q]) && buf[q] != ':') {
            q++;
        }
        return literalOrNumber(buf, p, q) ? q : -1;
    }

    private static int skipContainer(byte[] buf, int p, int end, int depth) {
        if (depth > MAX_SKIPPED_DEPTH) {
            return -1;
        }
        boolean object = buf[p] == '{';
        byte close = object ? (byte) '}' : (byte) ']';
        int q = skipWs(buf, p + 1, end, false);
        if (q < end && buf[q] == close) {
            return q + 1;
        }
        while (true) {
            if (object) {
                if (q >= end || buf[q] != '"') {
                    return -1;
                }
                int key = q;
                q = skipString(buf, q, end);
                if (q < 0 || q - key - 2 > MAX_KEY_BYTES) {
                    return -1;
                }
                q = skipWs(buf, q, end, false);
                if (q >= end || buf[q] != ':') {
                    return -1;
                }
                q = skipWs(buf, q + 1, end, false);
            }
            q = skipValue(buf, q, end, depth);
            if (q < 0) {
                return -1;
            }
            q = skipWs(buf, q, end, false);
            if (q >= end) {
                return -1;
            }
            if (buf[q] == close) {
                return q + 1;
            }
            if (buf[q] != ',') {
                return -1;
            }
            q = skipWs(buf, q + 1, end, false);
        }
    }

    /** Skips the string at {@code p} if Jackson reads it: valid escapes, no control characters, strict UTF-8. */
    private static int skipString(byte[] buf, int p, int end) {
        int start = p + 1;
        int q = start;
        boolean ascii = true;
        while (q < end && buf[q] != '"') {
            byte c = buf[q];
            if (c == '\\') {
                int n = escapeLength(buf, q, end);
                if (n < 0) {
                    return -1;
                }
                q += n;
                continue;
            }
            if (c < 0) {
                ascii = false;
            } else if (c < 0x20) {
                return -1;
            }
            q++;
        }
        if (q >= end || (!ascii && !wellFormedUtf8(buf, start, q))) {
            return -1;
        }
        return q + 1;
    }

    /** The length of the JSON escape at {@code p}: 2, or 6 for backslash-u and four hex digits; -1 if invalid. */
    private static int escapeLength(byte[] buf, int p, int end) {
        return escapedUnit(buf, p, end) < 0 ? -1 : rawLength(buf, p);
    }

    /** The length in the JSON text of the escape at {@code p}, already known valid: 2, or 6 for backslash-u. */
    private static int rawLength(byte[] buf, int p) {
        return buf[p + 1] == 'u' ? 6 : 2;
    }

    private static boolean literalOrNumber(byte[] buf, int from, int to) {
        int n = to - from;
        if (n == 4 && buf[from] == 't' && buf[from + 1] == 'r' && buf[from + 2] == 'u' && buf[from + 3] == 'e') {
            return true;
        }
        if (n == 5 && buf[from] == 'f' && buf[from + 1] == 'a' && buf[from + 2] == 'l' && buf[from + 3] == 's'
                && buf[from + 4] == 'e') {
            return true;
        }
        if (n == 4 && buf[from] == 'n' && buf[from + 1] == 'u' && buf[from + 2] == 'l' && buf[from + 3] == 'l') {
            return true;
        }
        return numberEnd(buf, from, to) == to && to - from <= MAX_NUMBER_CHARS; // exponents: the general path
    }

    /**
     * The index after the JSON number at {@code p} up to its exponent, if any: an optional minus,
     * digits without a leading zero, an optional fraction. -1 when malformed.
     */
    private static int numberEnd(byte[] buf, int p, int end) {
        int q = p < end && buf[p] == '-' ? p + 1 : p;
        int digits = q;
        while (q < end && buf[q] >= '0' && buf[q] <= '9') {
            q++;
        }
        if (q == digits || (buf[digits] == '0' && q - digits > 1)) {
            return -1;
        }
        if (q < end && buf[q] == '.') {
            int fraction = ++q;
            while (q < end && buf[q] >= '0' && buf[q] <= '9') {
                q++;
            }
            if (q == fraction) {
                return -1;
            }
        }
        return q;
    }

    private static int skipWs(byte[] buf, int p, int end, boolean newlines) {
        while (p < end) {
            byte b = buf[p];
            if (b != ' ' && b != '\t' && b != '\r' && (b != '\n' || !newlines)) {
                break;
            }
            p++;
        }
        return p;
    }

    /** Java's String.isBlank on the UTF-8 text, decoding only when a non-ASCII byte comes before any text. */
    private static boolean isBlank(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < 0) {
                return new String(buf, from, to - from, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes the string's escapes into {@code out}, which holds exactly the decoded UTF-8. The caller
     * has checked the escapes ({@link #escapeBytes}) and that every other byte is ASCII.
     */
    private static void unescape(byte[] buf, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != '\\') {
                out[n++] = b;
                continue;
            }
            int c = escapedUnit(buf, i, to);
            i += rawLength(buf, i) - 1;
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | (c >> 6 & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /**
     * False when the string has a visible ASCII character outside its escapes, which its decoded text
     * keeps, so it cannot be blank; true when only decoding can tell.
     */
    private static boolean mayBeBlank(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\\') {
                i += rawLength(buf, i) - 1;
            } else if (b > ' ') {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF, no cut sequences. */
    static boolean wellFormedUtf8(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            int b = buf[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= to) {
                return false;
            }
            int cp = b & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int c = buf[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }
}
