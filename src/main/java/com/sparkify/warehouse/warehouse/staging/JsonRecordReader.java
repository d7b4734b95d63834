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
 * and skipped to the end of its line. Not thread-safe: one reader per thread, reused for its files.
 */
public final class JsonRecordReader {

    /** Receives records and problems in file order. */
    public interface Handler {
        /** A complete top-level object in {@code buf[off, off+len)}; the buffer is reused afterwards. */
        void record(byte[] buf, int off, int len, long line) throws IOException;

        /** Something that is not a loadable record, with a short excerpt of it. */
        void error(long line, String reason, String excerpt) throws IOException;

        /**
         * Offered first for each record: may take the one-line record starting at {@code buf[start]}
         * (a brace) without the reader's scan, reading no further than {@code limit}. Returns the
         * index after the record, or -1 to leave it to the scan and {@link #record}.
         */
        default int recordOnLine(byte[] buf, int start, int limit, long line) throws IOException {
            return -1;
        }
    }

    private static final int CHUNK = 64 * 1024;
    /**
     * Between records, fewer bytes than this left in the buffer are moved to its start and more are
     * read before the next record is offered to {@link Handler#recordOnLine}: records then rarely
     * straddle a refill, whose every case (the buffer ending in a number, after a brace, ...) would
     * otherwise send the parser down branches the JIT had compiled away, and back to the interpreter.
     */
    private static final int REFILL_MARGIN = 8 * 1024;
    private static final int EXCERPT_BYTES = 60;

    private final int maxRecordBytes;
    /**
     * Kept between reads: a loader thread reads thousands of small song files in a row, and a fresh
     * 64 KB buffer for each was most of what the loader allocated on them.
     */
    private byte[] buffer;

    public JsonRecordReader(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Scan state carried across buffer refills; one instance per {@link #read} call. */
    private static final class State {
        boolean inRecord;
        boolean inString;
        boolean escaped;
        boolean oversized;
        boolean skipLine;
        int depth;
        int start;
        long line = 1;
        long recordLine;
    }

    /** Reads the whole stream, calling the handler for every record and every problem. */
    public void read(InputStream in, Handler handler) throws IOException {
        if (buffer == null) {
            buffer = new byte[Math.min(CHUNK, maxRecordBytes + 1)];
        }
        byte[] buf = buffer;
        int limit = 0;
        int pos = 0;
        State st = new State();
        boolean first = true;
        boolean eof = false;

        while (true) {
            if (pos >= limit && eof) {
                break;
            }
            // Between records, top the buffer up while little is left and the stream has more.
            if (!eof && (pos >= limit
                    || (!st.inRecord && limit - pos < REFILL_MARGIN && (pos > 0 || limit < buf.length)))) {
                // Keep the unfinished record's bytes; everything before it is done with.
                int from = st.inRecord && !st.oversized ? st.start : pos;
                if (from > 0) {
                    System.arraycopy(buf, from, buf, 0, limit - from);
                    limit -= from;
                    pos -= from;
                    st.start -= Math.min(st.start, from);
                }
                if (limit == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxRecordBytes + CHUNK));
                    buffer = buf;
                }
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                    continue;
                }
                limit += n;
                if (first && limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
                        && (buf[2] & 0xFF) == 0xBF) {
                    pos = 3; // UTF-8 byte order mark
                }
                first = false;
                continue;
            }
            if (!st.inRecord) {
                if (buf[pos] == '{' && !st.skipLine) {
                    int end = handler.recordOnLine(buf, pos, (int) Math.min(limit, pos + (long) maxRecordBytes),
                            st.line);
                    if (end >= 0) {
                        pos = end;
                        continue;
                    }
                }
                pos = between(buf, pos, limit, st, handler);
                continue;
            }
            int end = scanObject(buf, pos, limit, st);
            if (end >= 0) {
                st.inRecord = false;
                if (!st.oversized) {
                    handler.record(buf, st.start, end + 1 - st.start, st.recordLine);
                }
                pos = end + 1;
                continue;
            }
            pos = limit;
            if (!st.oversized && pos - st.start > maxRecordBytes) {
                handler.error(st.recordLine, "record larger than " + maxRecordBytes + " bytes",
                        excerpt(buf, st.start, limit));
                st.oversized = true;
            }
        }
        if (st.inRecord && !st.oversized) {
            handler.error(st.recordLine, "truncated record: the file ends inside a JSON object",
                    excerpt(buf, st.start, limit));
        }
    }

    /** Handles one byte between records: whitespace, the start of an object, or stray text. */
    private static int between(byte[] buf, int pos, int limit, State st, Handler handler) throws IOException {
        byte b = buf[pos];
        if (st.skipLine) {
            int p = pos;
            while (p < limit && buf[p] != '\n') {
                p++;
            }
            if (p < limit) {
                st.line++;
                st.skipLine = false;
                return p + 1;
            }
            return limit;
        }
        switch (b) {
            case '\n' -> st.line++;
            case ' ', '\r', '\t' -> {
                // whitespace between records
            }
            case '{' -> {
                st.inRecord = true;
                st.inString = false;
                st.escaped = false;
                st.oversized = false;
                st.depth = 0;
                st.start = pos;
                st.recordLine = st.line;
                return pos; // the scan counts this brace
            }
            default -> {
                handler.error(st.line, "expected a JSON object", excerpt(buf, pos, limit));
                st.skipLine = true;
                return pos;
            }
        }
        return pos + 1;
    }

    /**
     * The hot loop: finds the brace that closes the current object, tracking strings and nesting.
     * Returns its index, or -1 when the buffer ends first (state is kept for the next chunk).
     */
    private static int scanObject(byte[] buf, int pos, int limit, State st) {
        boolean inString = st.inString;
        boolean escaped = st.escaped;
        int depth = st.depth;
        long lines = 0;
        int end = -1;
        for (int p = pos; p < limit; p++) {
            byte b = buf[p];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                } else if (b == '\n') {
                    lines++;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    end = p;
                    break;
                }
            } else if (b == '\n') {
                lines++;
            }
        }
        st.inString = inString;
        st.escaped = escaped;
        st.depth = depth;
        st.line += lines;
        return end;
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
