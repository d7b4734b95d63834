package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;

/**
 * Turns many small JSON objects into a few gzip JSON-lines parts for one COPY (issue 17): the objects,
 * in list order, are cut into {@code parts} contiguous runs of about equal listed size (more parts, a
 * multiple of that, when one would pass {@code maxPartBytes}). Records are split as the embedded engine
 * splits them (one object per file, JSON lines, pretty-printed), parsed, and written one to a line; one
 * the service cannot read is reported with its original object and line and left out. Each part is
 * written to a temporary file and handed to the caller when complete, so memory holds one record at a
 * time and the disk one part, whatever the source's size.
 *
 * <p>The result keeps an index from each part's lines back to the original object and line (where the
 * record starts), so a load error COPY reports in a part can be reported as it would have been without
 * compaction.
 */
final class Compactor {

    /** A record left out: its original object and line (1-based), and why. */
    record BadRecord(String object, long line, String reason, String raw) {
    }

    /**
     * Where a part's lines came from: {@code count} lines from {@code firstPartLine} on are the records
     * starting on {@code object}'s lines {@code firstLine}, {@code firstLine + 1}, ...
     */
    record Segment(long firstPartLine, String object, long firstLine, long count) {
    }

    /** One written part: its name, file, compressed size, records, and the index of its lines. */
    record Part(String name, Path file, long compressedBytes, long records, List<Segment> segments) {

        /** The original object and line of the part's line {@code partLine} (1-based), or null past its end. */
        Origin origin(long partLine) {
            // Segments are in part-line order: binary search for the last one starting at or before the line.
            int low = 0;
            int high = segments.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                Segment s = segments.get(mid);
                if (partLine < s.firstPartLine()) {
                    high = mid - 1;
                } else if (partLine >= s.firstPartLine() + s.count()) {
                    low = mid + 1;
                } else {
                    return new Origin(s.object(), s.firstLine() + (partLine - s.firstPartLine()));
                }
            }
            return null;
        }
    }

    /** An original object and line. */
    record Origin(String object, long line) {
    }

    /** The parts of one prefix and the records left out. */
    record Result(List<Part> parts, List<BadRecord> bad) {

        /** The original object and line of line {@code partLine} of the part named {@code part} (a name or a URL ending in it). */
        Origin origin(String part, long partLine) {
            for (Part p : parts) {
                if (part.equals(p.name()) || part.endsWith("/" + p.name())) {
                    return p.origin(partLine);
                }
            }
            return null;
        }

        long records() {
            return parts.stream().mapToLong(Part::records).sum();
        }

        long compressedBytes() {
            return parts.stream().mapToLong(Part::compressedBytes).sum();
        }
    }

    /** What the compaction tells its caller as it goes. */
    interface Listener {

        /** A record left out; returning false stops the compaction (too many errors). */
        boolean bad(BadRecord bad);

        /** Called before each object is read: may throw to stop (a cancelled run). */
        default void beforeObject() {
        }

        /** An object read whole into the current part. */
        default void objectRead(SourceObject object) {
        }

        /** A complete part, its file closed: the caller may upload it, then its file is deleted. */
        default void written(Part part) throws IOException {
        }
    }

    /** Thrown through the record reader when the listener says to stop. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final ObjectMapper json;
    private final long maxPartBytes;
    private final int maxRecordBytes;

    Compactor(ObjectMapper json, long maxPartBytes, int maxRecordBytes) {
        this.json = json;
        this.maxPartBytes = maxPartBytes;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * How many parts {@code objects} become: {@code slices}, or the least multiple of it keeping each
     * part's listed (uncompressed, so an upper bound) size within {@code maxPartBytes}.
     */
    int partCount(List<SourceObject> objects, int slices) {
        long total = objects.stream().mapToLong(SourceObject::size).sum();
        int base = Math.max(1, slices);
        long multiple = Math.max(1, (total + (long) base * maxPartBytes - 1) / ((long) base * maxPartBytes));
        return (int) Math.min(Integer.MAX_VALUE, base * multiple);
    }

    /**
     * Compacts {@code objects} (read through {@code reader}, whose index follows the list) into parts named
     * {@code <prefix>-NNNN.json.gz}, written one at a time under {@code directory} and deleted once
     * {@link Listener#written} returned; null when the listener said to stop.
     */
    Result compact(List<SourceObject> objects, Prefetch reader, int parts, String prefix, Path directory,
            Listener listener) throws IOException {
        long total = objects.stream().mapToLong(SourceObject::size).sum();
        int count = Math.max(1, Math.min(parts, Math.max(1, objects.size())));
        List<Part> written = new ArrayList<>(count);
        List<BadRecord> left = new ArrayList<>();
        JsonRecordReader records = new JsonRecordReader(maxRecordBytes);
        int next = 0;
        long cumulative = 0;
        for (int p = 0; p < count; p++) {
            // Contiguous runs of about equal listed size; the last part takes whatever is left.
            long until = p == count - 1 ? Long.MAX_VALUE : total * (p + 1) / count;
            String name = String.format("%s-%04d.json.gz", prefix, p);
            Path file = directory.resolve(name);
            Writer writer = new Writer(left, listener);
            try {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                    writer.out = out;
                    while (next < objects.size() && cumulative < until) {
                        listener.beforeObject();
                        SourceObject object = objects.get(next);
                        writer.object = object.key();
                        try (InputStream in = reader.open(next)) {
                            records.read(in, writer);
                        }
                        writer.closeSegment();
                        listener.objectRead(object);
                        cumulative += object.size();
                        next++;
                    }
                }
                if (writer.records > 0) { // COPY needs no empty part (a run of objects with only bad records)
                    Part part = new Part(name, file, Files.size(file), writer.records, List.copyOf(writer.segments));
                    listener.written(part);
                    written.add(part);
                }
            } catch (Stop stop) {
                return null;
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return new Result(List.copyOf(written), List.copyOf(left));
    }

    /** Writes one part's records, one a line, and keeps its index. */
    private final class Writer implements JsonRecordReader.Handler {
        private final List<BadRecord> left;
        private final Listener listener;
        private final List<Segment> segments = new ArrayList<>();
        OutputStream out;
        String object;
        long records;
        private long segmentStart;
        private long segmentFirstLine;
        private long segmentCount;

        Writer(List<BadRecord> left, Listener listener) {
            this.left = left;
            this.listener = listener;
        }

        @Override
        public void record(byte[] buf, int off, int len, long line) throws IOException {
            String reason = unreadable(buf, off, len);
            if (reason != null) {
                error(line, reason, new String(buf, off, Math.min(len, LoadErrorReader.EXCERPT_CHARS),
                        java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            if (segmentCount > 0 && line != segmentFirstLine + segmentCount) {
                closeSegment(); // not the next line (a record over several lines, or two on one)
            }
            if (segmentCount == 0) {
                segmentStart = records + 1;
                segmentFirstLine = line;
            }
            // Line breaks of valid JSON lie between tokens (a string cannot hold one unescaped): a space
            // keeps a pretty-printed record's meaning on one line.
            for (int i = off; i < off + len; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    buf[i] = ' ';
                }
            }
            out.write(buf, off, len);
            out.write('\n');
            records++;
            segmentCount++;
        }

        @Override
        public void error(long line, String reason, String excerpt) {
            closeSegment();
            BadRecord bad = new BadRecord(object, line, reason, excerpt);
            left.add(bad);
            if (!listener.bad(bad)) {
                throw new Stop();
            }
        }

        void closeSegment() {
            if (segmentCount > 0) {
                segments.add(new Segment(segmentStart, object, segmentFirstLine, segmentCount));
                segmentCount = 0;
            }
        }
    }

    /**
     * Why a record is not one JSON object, or null when it is: parsed token by token (no tree is built),
     * as COPY would parse it.
     */
    private String unreadable(byte[] buf, int off, int len) {
        try (JsonParser parser = json.getFactory().createParser(buf, off, len)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            parser.skipChildren();
            return parser.nextToken() == null ? null : "malformed JSON: text after the object";
        } catch (JsonProcessingException e) {
            return "malformed JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "malformed JSON";
        }
    }
}
