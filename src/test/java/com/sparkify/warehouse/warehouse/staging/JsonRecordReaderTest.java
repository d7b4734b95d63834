package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Record splitting: layouts COPY accepts, line numbers, and bounded memory on bad input.
 */
class JsonRecordReaderTest {

    private final List<String> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private void read(String content, int maxBytes) throws IOException {
        read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), maxBytes);
    }

    private void read(InputStream in, int maxBytes) throws IOException {
        new JsonRecordReader(maxBytes).read(in, new JsonRecordReader.Handler() {
            @Override
            public void record(byte[] buf, int off, int len, long line) {
                records.add(line + ":" + new String(buf, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void error(long line, String reason, String excerpt) {
                errors.add(line + ":" + reason + ":" + excerpt);
            }
        });
    }

    @Test
    void shouldSplitJsonLinesSkippingBlankLines() throws IOException {
        read("{\"a\":1}\n\n{\"a\":2}\r\n   \n{\"a\":3}", 1000);

        assertThat(records).containsExactly("1:{\"a\":1}", "3:{\"a\":2}", "5:{\"a\":3}");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReadAPrettyPrintedObjectWithBracesInStrings() throws IOException {
        read("\n{\n  \"title\": \"}{ \\\" [\",\n  \"nested\": {\"x\": [1, {\"y\": 2}]}\n}\n", 1000);

        assertThat(records).containsExactly(
                "2:{\n  \"title\": \"}{ \\\" [\",\n  \"nested\": {\"x\": [1, {\"y\": 2}]}\n}");
    }

    @Test
    void shouldReadConcatenatedObjectsOnOneLine() throws IOException {
        read("{\"a\":1}{\"a\":2} {\"a\":3}", 1000);

        assertThat(records).containsExactly("1:{\"a\":1}", "1:{\"a\":2}", "1:{\"a\":3}");
    }

    @Test
    void shouldReportTextOutsideObjectsAndGoOnAtTheNextLine() throws IOException {
        read("garbage here {\"no\":1}\n{\"a\":1}", 1000);

        assertThat(errors).containsExactly("1:expected a JSON object:garbage here {\"no\":1}");
        assertThat(records).containsExactly("2:{\"a\":1}");
    }

    @Test
    void shouldReportATruncatedLastRecord() throws IOException {
        read("{\"a\":1}\n{\"a\": \"cut", 1000);

        assertThat(records).containsExactly("1:{\"a\":1}");
        assertThat(errors).containsExactly("2:truncated record: the file ends inside a JSON object:{\"a\": \"cut");
    }

    @Test
    void shouldSkipARecordLargerThanTheLimitWithoutBufferingIt() throws IOException {
        // A 50 MB line streamed from a generator: the reader must report it, not hold it.
        long huge = 50L * 1024 * 1024;
        InputStream in = new InputStream() {
            private long position;
            private final byte[] tail = "\"}\n{\"after\":1}\n".getBytes(StandardCharsets.UTF_8);

            @Override
            public int read() {
                long p = position++;
                if (p < 6) {
                    return "{\"a\":\"".charAt((int) p);
                }
                if (p < huge) {
                    return 'x';
                }
                int t = (int) (p - huge);
                return t < tail.length ? tail[t] : -1;
            }
        };

        read(in, 1024 * 1024);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("1:record larger than 1048576 bytes:{\"a\":\"xxx");
        assertThat(records).containsExactly("2:{\"after\":1}");
    }

    @Test
    void shouldSkipAUtf8ByteOrderMark() throws IOException {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);

        read(new ByteArrayInputStream(all), 1000);

        assertThat(records).containsExactly("1:{\"a\":1}");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReadNothingFromAnEmptyFile() throws IOException {
        read("", 1000);

        assertThat(records).isEmpty();
        assertThat(errors).isEmpty();
    }
    @Test
    void shouldLetTheHandlerTakeOneLineRecordsAndKeepLineNumbersForTheRest() throws IOException {
        List<String> taken = new ArrayList<>();
        String content = "{\"a\":1}\n{\n \"a\": 2\n}\nnot json\n{\"a\":3}{\"a\":4}\n{\"b\":5}";
        new JsonRecordReader(1000).read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                new Collecting() {
                    @Override
                    public int recordOnLine(byte[] buf, int start, int limit, long line) {
                        // Takes one-line objects with key "a", as the fast path takes the records it can parse.
                        int end = start;
                        while (end < limit && buf[end] != '}' && buf[end] != '\n') {
                            end++;
                        }
                        if (end >= limit || buf[end] != '}' || buf[start + 2] != 'a') {
                            return -1;
                        }
                        taken.add(line + ":" + new String(buf, start, end + 1 - start, StandardCharsets.UTF_8));
                        return end + 1;
                    }
                });

        assertThat(taken).containsExactly("1:{\"a\":1}", "6:{\"a\":3}", "6:{\"a\":4}");
        assertThat(records).containsExactly("2:{\n \"a\": 2\n}", "7:{\"b\":5}");
        assertThat(errors).containsExactly("5:expected a JSON object");
    }

    @Test
    void shouldNotOfferTheHandlerMoreThanTheRecordLimit() throws IOException {
        List<Integer> limits = new ArrayList<>();
        new JsonRecordReader(10).read(new ByteArrayInputStream("{\"a\":\"long value\"}".getBytes(StandardCharsets.UTF_8)),
                new JsonRecordReader.Handler() {
                    @Override
                    public int recordOnLine(byte[] buf, int start, int limit, long line) {
                        limits.add(limit - start);
                        return -1;
                    }

                    @Override
                    public void record(byte[] buf, int off, int len, long line) {
                        records.add(new String(buf, off, len, StandardCharsets.UTF_8));
                    }

                    @Override
                    public void error(long line, String reason, String excerpt) {
                        errors.add(line + ":" + reason);
                    }
                });

        // A record over the limit is never handed over whole, by either path.
        assertThat(limits).containsExactly(10);
        assertThat(records).isEmpty();
        assertThat(errors).containsExactly("1:record larger than 10 bytes");
    }
    @Test
    void shouldReuseOneReaderAcrossFilesWithoutCarryingBytesOver() throws IOException {
        JsonRecordReader reader = new JsonRecordReader(200_000);
        JsonRecordReader.Handler handler = new JsonRecordReader.Handler() {
            @Override
            public void record(byte[] buf, int off, int len, long line) {
                records.add(line + ":" + len + ":" + (char) buf[off] + (char) buf[off + len - 1]);
            }

            @Override
            public void error(long line, String reason, String excerpt) {
                errors.add(line + ":" + reason);
            }
        };
        // The first file's 100,000-byte record grows the buffer past its 64 KB start; the next files are
        // small, end without a newline or end inside an object, and must not see the old bytes.
        String big = "{\"a\":\"" + "x".repeat(100_000 - 8) + "\"}";
        reader.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), handler);
        reader.read(new ByteArrayInputStream("{\"b\":1}".getBytes(StandardCharsets.UTF_8)), handler);
        reader.read(new ByteArrayInputStream("\n{\"c\":".getBytes(StandardCharsets.UTF_8)), handler);

        assertThat(records).containsExactly("1:100000:{}", "1:7:{}");
        assertThat(errors).containsExactly("2:truncated record: the file ends inside a JSON object");
    }

    @Test
    void shouldOfferEveryShortLineWholeToTheHandlerAcrossBufferRefills() throws IOException {
        // About 2 MB of lines of 60-400 bytes: thirty-odd refills of the 64 KB buffer.
        String content = lines(10_000);
        List<String> taken = new ArrayList<>();

        new JsonRecordReader(1 << 20).read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                lineTaker(taken));

        // None was cut by the end of the buffer, so none went to the reader's own scan.
        assertThat(records).isEmpty();
        assertThat(errors).isEmpty();
        assertThat(taken).hasSize(10_000).isEqualTo(expectedLines(content));
    }

    @Test
    void shouldReadTheSameRecordsFromAStreamThatReturnsFewBytesAtATime() throws IOException {
        String content = lines(2_000);
        List<String> taken = new ArrayList<>();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        java.util.Random random = new java.util.Random(7);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(300)));
            }
        };

        new JsonRecordReader(1 << 20).read(trickle, lineTaker(taken));

        // Records cut by a short read go to the scan; together both paths give every line once, in order.
        List<String> all = new ArrayList<>(taken);
        all.addAll(records);
        all.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.substring(0, r.indexOf(':')))));
        assertThat(errors).isEmpty();
        assertThat(all).isEqualTo(expectedLines(content));
    }

    /** {"n":i,"pad":"xxx"} lines, the padding's length varying from line to line. */
    private static String lines(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            sb.append("{\"n\":").append(i).append(",\"pad\":\"").append("x".repeat((i * 37) % 340)).append("\"}\n");
        }
        return sb.toString();
    }

    /** "line:record" for every line of {@code content}, numbered from 1. */
    private static List<String> expectedLines(String content) {
        List<String> expected = new ArrayList<>();
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            expected.add((i + 1) + ":" + lines[i]);
        }
        return expected;
    }

    /** Takes a record only when the buffer holds it up to its closing brace and newline, before the limit. */
    private JsonRecordReader.Handler lineTaker(List<String> taken) {
        return new Collecting() {
            @Override
            public int recordOnLine(byte[] buf, int start, int limit, long line) {
                int end = start;
                while (end < limit && buf[end] != '\n') {
                    end++;
                }
                if (end >= limit || buf[end - 1] != '}') {
                    return -1;
                }
                taken.add(line + ":" + new String(buf, start, end - start, StandardCharsets.UTF_8));
                return end;
            }
        };
    }

    /** Collects what the reader's own scan hands over, and the problems, by line. */
    private class Collecting implements JsonRecordReader.Handler {
        @Override
        public void record(byte[] buf, int off, int len, long line) {
            records.add(line + ":" + new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void error(long line, String reason, String excerpt) {
            errors.add(line + ":" + reason);
        }
    }
}
