package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.warehouse.Warehouse;
import com.sparkify.warehouse.warehouse.staging.JsonPaths;
import com.sparkify.warehouse.warehouse.staging.JsonRecordReader;
import com.sparkify.warehouse.warehouse.staging.RandomRecords;
import com.sparkify.warehouse.warehouse.staging.RecordException;
import com.sparkify.warehouse.warehouse.staging.RecordMapper;
import com.sparkify.warehouse.warehouse.staging.StagingSchema;

import io.quarkus.test.junit.QuarkusTest;

/**
 * DuckDB's own reader stages local event logs only where it reads every record as the service's
 * parser does: random records (escapes, blanks, odd numbers, nulls, unknown keys) staged through it
 * give exactly the rows the service's record mapper gives for the same lines, and files with records
 * the two would read differently go back to the service's loader, with the same rows again.
 */
@QuarkusTest
class NativeJsonScanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20181127L;
    private static final Pattern SURROGATE_ESCAPE = Pattern.compile("\\\\u[dD][89a-fA-F]");

    /**
     * staging_events' 18 columns from the random records' fields: strings into wide columns only (narrow
     * ones would turn most values into truncations), one field into two columns of one type, and the
     * rest from fields records never have.
     */
    static final String JSONPATHS = """
            {"jsonpaths": ["$['name']", "$['absent1']", "$['note']", "$['absent2']", "$['itemInSession']",
              "$['name']", "$['length']", "$['absent3']", "$['note']", "$['absent4']", "$['absent5']",
              "$['length']", "$['itemInSession']", "$['name']", "$['absent6']", "$['ts']", "$['note']",
              "$['absent7']"]}
            """;

    /** Every staging_events column, the timestamp as epoch milliseconds to compare with the mapper's. */
    private static final String ROWS = "SELECT artist, auth, first_name, gender, item_in_session, last_name, length, "
            + "level, location, method, page, registration, session_id, song, status, epoch_ms(ts), user_agent, "
            + "user_id FROM staging_events";

    @Inject
    Warehouse warehouse;

    @Inject
    WarehouseQueries queries;

    private RecordMapper mapper;

    @BeforeEach
    void schema() throws Exception {
        Jobs.awaitIdle();
        Jobs.resetSchema();
        JsonPaths paths = JsonPaths.read(new ByteArrayInputStream(JSONPATHS.getBytes()), JSON);
        mapper = RecordMapper.forJsonPaths(StagingSchema.EVENTS, paths, true, JSON);
    }

    @Test
    void shouldStageRecordsBothReadersReadAlikeWithDuckDbsReaderAsTheServicesParserReadsThem() throws Exception {
        List<byte[]> records = records(2_000, this::readAlike);

        Job job = stage("native-clean", records);

        assertThat(job.detail("staging_events_reader")).isEqualTo("duckdb");
        assertSameRows(stagedRows(), expectedRows(records));
        assertThat(job.view().progress().rowsStaged()).containsEntry("staging_events", (long) records.size());
    }

    @Test
    void shouldHandFilesWithRecordsTheReadersReadDifferentlyBackToTheServicesLoader() throws Exception {
        // Valid records of every kind: besides the ones both read alike, numbers COPY converts (5.0 into an
        // INTEGER, a number into a VARCHAR, "3.5" into a DOUBLE), booleans as text, truncated strings,
        // repeated keys and escaped surrogates (valid JSON that DuckDB's parser refuses).
        List<byte[]> records = records(2_000, this::validLine);
        assertThat(records).as("records only the service's loader reads right").anyMatch(r -> !readAlike(r));

        Job job = stage("native-fallback", records);

        assertThat(job.detail("staging_events_reader")).startsWith("service, as DuckDB's reader declined: ");
        assertSameRows(stagedRows(), expectedRows(records));
        // What the abandoned scan reported is taken back: each record counts once.
        assertThat(job.view().progress().rowsStaged()).containsEntry("staging_events", (long) records.size());
    }

    @Test
    void shouldHandBackAFileWithAStringOfWhitespaceOnlyWhichCopyLoadsAsNull() throws Exception {
        List<byte[]> records = new ArrayList<>(records(300, this::readAlike));
        records.add("{\"name\": \" \\t \", \"note\": \"the blank one\", \"itemInSession\": 7, \"ts\": 1541990217796}"
                .getBytes(StandardCharsets.UTF_8));

        Job job = stage("native-blank", records);

        assertThat(job.detail("staging_events_reader")).startsWith("service, as DuckDB's reader declined: ")
                .contains("line");
        // name feeds artist, last_name and song; note feeds first_name, location and user_agent.
        assertThat(queries.rows("SELECT artist, last_name, song, item_in_session FROM staging_events "
                + "WHERE first_name = 'the blank one'")).containsExactly(Arrays.asList(null, null, null, 7));
        assertSameRows(stagedRows(), expectedRows(records));
    }

    @Test
    void shouldHandBackAMalformedFileToTheLoaderWhichReportsItAndKeepsTheStagingDataOfBefore() throws Exception {
        List<byte[]> records = records(300, this::readAlike);
        assertThat(stage("native-before", records).detail("staging_events_reader")).isEqualTo("duckdb");
        Path root = write("native-malformed", records);
        new Fixtures(root).write("log_data/2018/11/2018-11-30-events.json",
                "{\"name\": \"ok\", \"ts\": 1541990217796}\n{\"name\": ");
        Job job = Job.detached(JobType.ETL_RUN);

        assertThatThrownBy(() -> warehouse.stage(EtlSources.local(root.toAbsolutePath()), job))
                .hasMessageStartingWith("staging_events: 1 bad record exceed sparkify.etl.max-errors=0");

        assertThat(job.detail("staging_events_reader")).startsWith("service, as DuckDB's reader declined: ");
        assertThat(job.view().loadErrors()).singleElement()
                .satisfies(e -> assertThat(e.object()).endsWith("2018-11-30-events.json"))
                .satisfies(e -> assertThat(e.line()).isEqualTo(2L));
        assertSameRows(stagedRows(), expectedRows(records)); // the staging data of the run before
    }

    @Test
    void shouldParseAgainOnlyTheLogsThatChangedSinceTheLastScanDuckDbsReaderStaged() throws Exception {
        List<byte[]> records = new ArrayList<>(records(600, this::readAlike));
        Path root = write("native-again", records);
        assertThat(stage(root).detail("staging_events_reader")).isEqualTo("duckdb");

        // The same files again: taken as checked, with the records counted the first time.
        Job again = stage(root);

        assertThat(again.detail("staging_events_reader")).isEqualTo("duckdb");
        assertSameRows(stagedRows(), expectedRows(records));
        assertThat(again.view().progress().rowsStaged()).containsEntry("staging_events", (long) records.size());
        assertThat(again.view().progress().objectsDone()).isEqualTo(again.view().progress().objectsListed());

        // One log grows by a record COPY converts (5.0 into an INTEGER): that file is parsed again and the
        // scan handed back, whatever the first check found in it.
        byte[] converted = "{\"name\": \"late\", \"itemInSession\": 5.0, \"ts\": 1541990217796}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(validLine(converted)).isTrue();
        assertThat(readAlike(converted)).isFalse();
        Path log = root.resolve("log_data/2018/11/2018-11-10-events.json");
        Files.write(log, (new String(converted, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        records.add(converted);

        Job changed = stage(root);

        assertThat(changed.detail("staging_events_reader")).startsWith("service, as DuckDB's reader declined: ")
                .contains("2018-11-10-events.json");
        assertSameRows(stagedRows(), expectedRows(records));
        assertThat(changed.view().progress().rowsStaged()).containsEntry("staging_events", (long) records.size());
    }

    private Job stage(String name, List<byte[]> records) throws Exception {
        return stage(write(name, records));
    }

    private Job stage(Path root) throws Exception {
        Job job = Job.detached(JobType.ETL_RUN);
        warehouse.stage(EtlSources.local(root.toAbsolutePath()), job);
        return job;
    }

    /** The records as three log files of one record a line, beside the sample song files. */
    private static Path write(String name, List<byte[]> records) throws Exception {
        Path root = Fixtures.newRoot(name);
        SampleSources.write(root);
        Fixtures fixtures = new Fixtures(root).write("log_json_path.json", JSONPATHS);
        fixtures.write("log_data/2018/11/2018-11-01-events.json", "").write("log_data/2018/11/2018-11-02-events.json", "");
        for (int file = 0; file < 3; file++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = file; i < records.size(); i += 3) {
                out.write(records.get(i));
                out.write('\n');
            }
            fixtures.writeBytes("log_data/2018/11/2018-11-1" + file + "-events.json", out.toByteArray());
        }
        return root;
    }

    private static List<byte[]> records(int count, Predicate<byte[]> keep) {
        RandomRecords generator = new RandomRecords(new Random(SEED));
        List<byte[]> records = new ArrayList<>();
        while (records.size() < count) {
            byte[] record = generator.next();
            if (keep.test(record)) {
                records.add(record);
            }
        }
        return records;
    }

    /**
     * A valid record on one line that the parser's fast path maps, and that DuckDB's parser takes too:
     * it refuses two kinds of valid JSON, which the fallback test includes (the scan then declines).
     */
    private boolean readAlike(byte[] record) {
        return validLine(record) && mapper.mapsFast(record, 0, record.length, new Object[mapper.width()])
                && !hasDuplicateKeys(record) && !hasBlankString(record)
                && !SURROGATE_ESCAPE.matcher(new String(record, StandardCharsets.UTF_8)).find();
    }

    /** One line holding one record the service's loader stages without a load error. */
    private boolean validLine(byte[] record) {
        for (byte b : record) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        List<byte[]> found = new ArrayList<>();
        int[] errors = { 0 };
        try {
            new JsonRecordReader(1 << 20).read(new ByteArrayInputStream(record), new JsonRecordReader.Handler() {
                @Override
                public void record(byte[] buf, int off, int len, long line) {
                    found.add(Arrays.copyOfRange(buf, off, off + len));
                }

                @Override
                public void error(long line, String reason, String excerpt) {
                    errors[0]++;
                }
            });
            if (found.size() != 1 || errors[0] != 0) {
                return false;
            }
            mapper.map(found.get(0), 0, found.get(0).length);
            return true;
        } catch (IOException | RecordException e) {
            return false;
        }
    }

    /** A string value of whitespace only: COPY loads it as NULL, DuckDB's reader as it is. */
    private static boolean hasBlankString(byte[] record) {
        try (JsonParser p = JSON.getFactory().createParser(record)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING && !p.getText().isEmpty() && p.getText().isBlank()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // not valid JSON: validLine decides
        }
    }

    private static boolean hasDuplicateKeys(byte[] record) {
        try (JsonParser p = JSON.getFactory().createParser(record)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            while (p.nextToken() != null) {
                // reads through, failing on a repeated key at any depth
            }
            return false;
        } catch (IOException e) {
            return e.getMessage().contains("Duplicate field");
        }
    }

    /** The service's record mapper on each record: the reference both loaders must match. */
    private List<List<Object>> expectedRows(List<byte[]> records) throws RecordException {
        List<List<Object>> rows = new ArrayList<>();
        for (byte[] record : records) {
            rows.add(Arrays.asList(mapper.map(record, 0, record.length)));
        }
        return sorted(rows);
    }

    private List<List<Object>> stagedRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : queries.rows(ROWS)) {
            List<Object> normalised = new ArrayList<>(row);
            for (int i = 0; i < normalised.size(); i++) {
                if (i == 15 && normalised.get(i) instanceof Number millis) {
                    normalised.set(i, millis.longValue());
                }
            }
            rows.add(normalised);
        }
        return sorted(rows);
    }

    /** Equal as multisets; a failure names the first rows only one side has, not thousands of rows. */
    private static void assertSameRows(List<List<Object>> actual, List<List<Object>> expected) {
        List<String> missing = new ArrayList<>(expected.stream().map(NativeJsonScanTest::describe).toList());
        List<String> extra = new ArrayList<>();
        for (List<Object> row : actual) {
            if (!missing.remove(describe(row))) {
                extra.add(describe(row));
            }
        }
        assertThat(extra).as("rows staged that the mapper does not give (%d of %d), first: %s; rows it gives instead: %s",
                extra.size(), actual.size(), extra.subList(0, Math.min(3, extra.size())),
                missing.subList(0, Math.min(3, missing.size()))).isEmpty();
        assertThat(missing).as("rows the mapper gives that were not staged").isEmpty();
    }

    /** A row's values with their types, so that 1 and 1.0, or "1" and 1, differ. */
    private static String describe(List<Object> row) {
        StringBuilder sb = new StringBuilder();
        for (Object v : row) {
            sb.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v).append("|");
        }
        return sb.toString();
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }
}
