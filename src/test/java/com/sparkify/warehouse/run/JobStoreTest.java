package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.duckdb.DuckDBDriver;

/**
 * The job history's own store: records read back as saved after the store is closed and opened again
 * (a restart), the latest save wins, and a record too large keeps valid JSON with fewer load errors.
 */
class JobStoreTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;

    @Test
    void shouldKeepEachJobsLatestRecordAcrossARestart() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        JobRecord reset = job("a", JobType.SCHEMA_RESET, JobStatus.SUCCEEDED, t0, List.of(), null);
        JobRecord queued = job("b", JobType.ETL_RUN, JobStatus.QUEUED, t0.plusSeconds(60), List.of(), null);
        JobRecord failed = job("b", JobType.ETL_RUN, JobStatus.FAILED, t0.plusSeconds(60),
                List.of(loadError(1, "x")), "insufficient storage: the run needs about 90.2 MB");
        JobStore store = new JobStore(dir.resolve(JobStore.FILE), json);
        store.save(reset);
        store.save(queued);
        store.save(failed);
        store.close();

        JobStore reopened = new JobStore(dir.resolve(JobStore.FILE), json);

        assertThat(reopened.find("b")).contains(failed);
        assertThat(reopened.list(null, null, 10)).containsExactly(failed, reset);
        assertThat(reopened.list(JobType.ETL_RUN, JobStatus.FAILED, 10)).containsExactly(failed);
        assertThat(reopened.lastSucceeded(JobType.SCHEMA_RESET)).contains(reset);
        assertThat(reopened.unfinished()).isEmpty();
        reopened.close();
    }

    @Test
    void shouldShortenTheLoadErrorListOfARecordTooLargeAndSaySo() throws Exception {
        List<JobRecord.LoadError> errors = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            errors.add(loadError(i, "y".repeat(1_000)));
        }
        JobRecord big = job("c", JobType.ETL_RUN, JobStatus.FAILED, Instant.parse("2026-12-01T11:00:00Z"), errors,
                "staging_events: 100 bad records exceed sparkify.etl.max-errors=0");
        JobStore store = new JobStore(dir.resolve(JobStore.FILE), json);

        store.save(big);
        store.close();

        String record;
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve(JobStore.FILE), new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record FROM sparkify_jobs WHERE id = 'c'")) {
            assertThat(rs.next()).isTrue();
            record = rs.getString(1);
        }
        JsonNode stored = json.readTree(record);
        int kept = stored.get("loadErrors").size();
        assertThat(record.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(65_535);
        assertThat(stored.get("truncated").asBoolean()).isTrue();
        assertThat(stored.get("loadErrorCount").asLong()).isEqualTo(100);
        // each listed error costs over a kilobyte: fewer than 64 fit, and the store keeps as many as do
        assertThat(kept).isBetween(1, 63);
        assertThat(json.writeValueAsBytes(withErrors(big, errors.subList(0, kept + 1))).length)
                .isGreaterThan(65_535);
        assertThat(stored.get("loadErrors").get(kept - 1).get("line").asLong()).isEqualTo(kept);
        assertThat(new JobStore(dir.resolve(JobStore.FILE), json).find("c").orElseThrow().truncated()).isTrue();
    }

    @Test
    void shouldKeepARecordThatFitsWhole() throws Exception {
        JobRecord small = job("d", JobType.ETL_RUN, JobStatus.FAILED, Instant.parse("2026-12-01T12:00:00Z"),
                List.of(loadError(7, "{\"ts\":\"x\"}")), "1 bad record");
        JobStore store = new JobStore(dir.resolve(JobStore.FILE), json);

        store.save(small);

        assertThat(store.find("d")).contains(small);
        assertThat(json.writeValueAsString(store.find("d").orElseThrow())).doesNotContain("truncated");
        store.close();
        assertThat(Files.exists(dir.resolve(JobStore.FILE))).isTrue();
    }

    private static JobRecord.LoadError loadError(long line, String raw) {
        return new JobRecord.LoadError("staging_events", "log_data/2018-11-01-events.json", line, "ts",
                "not a number", raw);
    }

    /** The same job with another list of load errors, marked truncated as the store would. */
    private static JobRecord withErrors(JobRecord j, List<JobRecord.LoadError> errors) {
        return j.toBuilder().loadErrors(errors).truncated(Boolean.TRUE).build();
    }

    private static JobRecord job(String id, JobType type, JobStatus status, Instant created,
            List<JobRecord.LoadError> errors, String error) {
        boolean done = status.isFinal();
        return JobRecord.builder(id, type, status)
                .createdAt(created)
                .startedAt(status == JobStatus.QUEUED ? null : created)
                .finishedAt(done ? created.plusSeconds(5) : null)
                .durationMs(done ? 5_000L : null)
                .error(error)
                .sources(Map.of("songData", "/data/song_data"))
                .loadErrors(type == JobType.ETL_RUN ? errors : null)
                .loadErrorCount(type == JobType.ETL_RUN ? (long) errors.size() : null)
                .build();
    }
}
