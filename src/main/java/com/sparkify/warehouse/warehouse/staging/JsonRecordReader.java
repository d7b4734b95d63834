package com.sparkify.warehouse.warehouse.staging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a stream of JSON objects into records without parsing them: one object per file, JSON
 * lines, pretty-printed or concatenated objects all work, as with COPY's JSON format. Each record
 * comes with the line it starts on.
 *
 * <p>Memory stays bounded: a record larger than {@code maxRecordBytes} is reported and skipped, never
 * buffered whole, so a single huge line cannot exhaust the heap. Text outside an object is reported
 * and skipped to the end of its line.
 */
public final class JsonRecordReader {

    /** Receives records and problems in file order. */
    public interface Handler {
        /** A complete top-level object in {@code buf[off, off+len)}; the buffer is reused afterwards. */
        void record(byte[] buf, int off, int len, long line) throws IOException;

        /** Something that is not a loadable record, with a short excerpt of it. */
        void error(long line, String reason, String excerpt) throws IOException;
    }

    private static final int CHUNK = 64 * 1024;
    private static final int EXCERPT_BYTES = 60;

    private static final int OUTSIDE = 0;
    private static final int IN_OBJECT = 1;
    private static final int IN_STRING = 2;
    private static final int IN_ESCAPE = 3;
    private static final int SKIP_LINE = 4;

    private final int maxRecordBytes;

    public JsonRecordReader(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads the whole stream, calling the handler for every record and every problem. */
    public void read(InputStream in, Handler handler) throws IOException {
        byte[] buf = new byte[Math.min(CHUNK, maxRecordBytes + 1)];
        int limit = 0;
        int pos = 0;
        int start = 0;
        int state = OUTSIDE;
        int depth = 0;
        boolean oversized = false;
        long line = 1;
        long recordLine = 0;
        boolean first = true;

        while (true) {
            if (pos == limit) {
                boolean keep = state != OUTSIDE && state != SKIP_LINE && !oversized;
                int from = keep ? start : pos;
                if (from > 0) {
                    System.arraycopy(buf, from, buf, 0, limit - from);
                    limit -= from;
                    pos -= from;
                    start = keep ? 0 : start;
                }
                if (limit == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxRecordBytes + CHUNK));
                }
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
                if (first && limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
                        && (buf[2] & 0xFF) == 0xBF) {
                    pos = 3; // UTF-8 byte order mark
                }
                first = false;
                continue;
            }
            byte b = buf[pos];
            if (b == '\n') {
                line++;
            }
            switch (state) {
                case OUTSIDE -> {
                    if (b == '{') {
                        state = IN_OBJECT;
                        depth = 1;
                        start = pos;
                        recordLine = line;
                        oversized = false;
                    } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                        handler.error(line, "expected a JSON object", excerpt(buf, pos, limit));
                        state = SKIP_LINE;
                    }
                }
                case SKIP_LINE -> {
                    if (b == '\n') {
                        state = OUTSIDE;
                    }
                }
                case IN_STRING -> {
                    if (b == '\\') {
                        state = IN_ESCAPE;
                    } else if (b == '"') {
                        state = IN_OBJECT;
                    }
                }
                case IN_ESCAPE -> state = IN_STRING;
                default -> {
                    if (b == '"') {
                        state = IN_STRING;
                    } else if (b == '{' || b == '[') {
                        depth++;
                    } else if (b == '}' || b == ']') {
                        if (--depth == 0) {
                            state = OUTSIDE;
                            if (!oversized) {
                                handler.record(buf, start, pos + 1 - start, recordLine);
                            }
                            oversized = false;
                        }
                    }
                }
            }
            pos++;
            if (!oversized && (state == IN_OBJECT || state == IN_STRING || state == IN_ESCAPE)
                    && pos - start > maxRecordBytes) {
                handler.error(recordLine, "record larger than " + maxRecordBytes + " bytes",
                        excerpt(buf, start, limit));
                oversized = true;
            }
            if (oversized) {
                start = pos; // nothing of an oversized record is kept
            }
        }
        if (state == IN_OBJECT || state == IN_STRING || state == IN_ESCAPE) {
            if (!oversized) {
                handler.error(recordLine, "truncated record: the file ends inside a JSON object",
                        excerpt(buf, start, limit));
            }
        }
    }

    private static String excerpt(byte[] buf, int from, int limit) {
        int end = Math.min(limit, from + EXCERPT_BYTES);
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                end = i;
                break;
            }
        }
        // A cut multi-byte character decodes as U+FFFD, which is fine for an excerpt.
        return new String(buf, from, end - from, StandardCharsets.UTF_8);
    }
}
