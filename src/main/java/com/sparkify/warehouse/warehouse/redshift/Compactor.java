package com.sparkify.warehouse.warehouse.redshift;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.SourceObject;

/**
 * Turns many small JSON objects into a few gzip JSON-lines parts for one COPY (issue 17): the objects,
 * in list order, are cut into {@code parts} contiguous runs of about equal listed size (more parts, a
 * multiple of that, when one would pass {@code maxPartBytes}); each record is parsed on the way, and one
 * the service cannot read is reported with its original object and line and left out. The parts are
 * written to temporary files, so memory holds one record at a time whatever the source's size.
 *
 * <p>The result keeps an index from each part's lines back to the original object and line, so a load
 * error COPY reports in a part can be reported as it would have been without compaction.
 */
final class Compactor {

    /** A record left out: its original object and line (1-based), and why. */
    record BadRecord(String object, long line, String reason, String raw) {
    }

    /** Where a part's lines came from: {@code count} lines from {@code firstPartLine} on are {@code object}'s from {@code firstLine} on. */
    record Segment(long firstPartLine, String object, long firstLine, long count) {
    }

    /** One written part: its file, compressed size, records, and the index of its lines. */
    record Part(String name, Path file, long compressedBytes, long records, List<Segment> segments) {

        /** The original object and line of the part's line {@code partLine} (1-based), or null past its end. */
        Origin origin(long partLine) {
            for (Segment s : segments) {
                if (partLine >= s.firstPartLine() && partLine < s.firstPartLine() + s.count()) {
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

        /** The original object and line of line {@code partLine} of the part named {@code part}. */
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
    }

    /** Reports a bad record as it is found; returning false stops the compaction (too many errors). */
    interface BadRecords {
        boolean found(BadRecord bad);
    }

    private final ObjectMapper json;
    private final long maxPartBytes;

    Compactor(ObjectMapper json, long maxPartBytes) {
        this.json = json;
        this.maxPartBytes = maxPartBytes;
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
     * {@code <prefix>-NNNN.json.gz} under {@code directory}; null when {@code bad} said to stop.
     */
    Result compact(List<SourceObject> objects, Prefetch reader, int parts, String prefix, Path directory,
            BadRecords bad) throws IOException {
        long total = objects.stream().mapToLong(SourceObject::size).sum();
        int count = Math.max(1, Math.min(parts, Math.max(1, objects.size())));
        List<Part> written = new ArrayList<>(count);
        List<BadRecord> left = new ArrayList<>();
        int next = 0;
        long cumulative = 0;
        for (int p = 0; p < count; p++) {
            // Contiguous runs of about equal listed size; the last part takes whatever is left.
            long until = p == count - 1 ? Long.MAX_VALUE : total * (p + 1) / count;
            String name = String.format("%s-%04d.json.gz", prefix, p);
            Path file = directory.resolve(name);
            List<Segment> segments = new ArrayList<>();
            long records = 0;
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                while (next < objects.size() && cumulative < until) {
                    SourceObject object = objects.get(next);
                    try (InputStream in = reader.open(next)) {
                        records = copy(object, in, out, records, segments, left, bad);
                    }
                    cumulative += object.size();
                    next++;
                    if (records < 0) {
                        return null;
                    }
                }
            }
            if (records == 0) {
                Files.delete(file); // COPY needs no empty part (a run of objects with only bad records)
            } else {
                written.add(new Part(name, file, Files.size(file), records, List.copyOf(segments)));
            }
        }
        return new Result(List.copyOf(written), List.copyOf(left));
    }

    /** Copies one object's records; returns the part's record count so far, or -1 when told to stop. */
    private long copy(SourceObject object, InputStream in, OutputStream out, long records, List<Segment> segments,
            List<BadRecord> left, BadRecords bad) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        long number = 0;
        long segmentStart = -1;
        long segmentFirstLine = 0;
        long segmentCount = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String reason = line.isBlank() ? null : unreadable(line);
            if ((line.isBlank() || reason != null) && segmentCount > 0) {
                // A line left out ends the run of lines that map one to one.
                segments.add(new Segment(segmentStart, object.key(), segmentFirstLine, segmentCount));
                segmentCount = 0;
            }
            if (line.isBlank()) {
                continue; // as COPY skips blank lines: no record, no line in the part
            }
            if (reason != null) {
                BadRecord record = new BadRecord(object.key(), number, reason, line);
                left.add(record);
                if (!bad.found(record)) {
                    return -1;
                }
                continue;
            }
            if (segmentCount == 0) {
                segmentStart = records + 1;
                segmentFirstLine = number;
            }
            byte[] bytes = line.strip().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.write('\n');
            records++;
            segmentCount++;
        }
        if (segmentCount > 0) {
            segments.add(new Segment(segmentStart, object.key(), segmentFirstLine, segmentCount));
        }
        return records;
    }

    /** Why a line is not one JSON object, or null when it is. */
    private String unreadable(String line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject() ? null : "not a JSON object";
        } catch (JsonProcessingException e) {
            return "malformed JSON: " + e.getOriginalMessage();
        } catch (UncheckedIOException e) {
            return "malformed JSON";
        }
    }
}
