package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.Waits;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Tracing of jobs: a span per job and a child span per step, carrying the job's id and type and each
 * step's rows, in the trace of the request that started the job; the job's log lines carry that
 * trace's id. Expected rows are the sample's figures worked out in {@link SampleSources}.
 */
@QuarkusTest
class JobTracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    JobService jobs;

    /** JobService's log lines while a test runs, each with the trace id it carried. */
    private final List<Map.Entry<String, String>> jobLog = new CopyOnWriteArrayList<>();
    private final Handler jobLogHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                jobLog.add(Map.entry(ext.getFormattedMessage(), String.valueOf(ext.getMdc("traceId"))));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Path root;

    @BeforeEach
    void freshSpans() throws Exception {
        Jobs.awaitIdle();
        root = Fixtures.newRoot("tracing");
        Jobs.resetSchema();
        spans.reset();
        Logger.getLogger(JobService.class.getName()).addHandler(jobLogHandler);
    }

    @AfterEach
    void detachLog() {
        Logger.getLogger(JobService.class.getName()).removeHandler(jobLogHandler);
    }

    @Test
    void shouldTraceAnEtlRunWithASpanPerStepCarryingItsRows() {
        JsonPath run = Jobs.runEtl(SampleSources.write(root));
        String id = run.getString("id");

        SpanData job = awaitJobSpan(id);
        assertThat(job.getName()).isEqualTo("job ETL_RUN");
        assertThat(job.getAttributes().get(JobTracing.JOB_TYPE)).isEqualTo("ETL_RUN");
        assertThat(job.getAttributes().get(JobTracing.JOB_STATUS)).isEqualTo("SUCCEEDED");

        List<SpanData> steps = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(job.getSpanId())).toList();
        assertThat(steps).extracting(SpanData::getName)
                .containsExactlyInAnyOrderElementsOf(run.getList("steps.name", String.class));
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.getTraceId()).isEqualTo(job.getTraceId());
            assertThat(step.getAttributes().get(JobTracing.JOB_ID)).isEqualTo(id);
            assertThat(step.getAttributes().get(JobTracing.STEP_STATUS)).isEqualTo("SUCCEEDED");
        });
        Map<String, Long> rows = steps.stream().filter(s -> s.getAttributes().get(JobTracing.STEP_ROWS) != null)
                .collect(Collectors.toMap(SpanData::getName, s -> s.getAttributes().get(JobTracing.STEP_ROWS)));
        // 4 song files and 2 days of events listed; 4 songs and 8 events staged; the star schema's counts.
        assertThat(rows).containsAllEntriesOf(Map.of("list_sources", 6L, "stage_songs", 4L, "stage_events", 8L,
                "load_songplays", 6L, "load_users", 2L, "load_songs", 4L, "load_artists", 3L, "load_time", 5L));
    }

    @Test
    void shouldPutTheRunInTheTraceOfTheRequestThatStartedIt() {
        String id = Jobs.runEtl(SampleSources.write(root)).getString("id");

        SpanData job = awaitJobSpan(id);
        SpanData post = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(job.getParentSpanId())).findFirst().orElseThrow();
        assertThat(post.getName()).isEqualTo("POST /etl/runs");
        // Lines of the run itself: the reset before it may still be logging its end.
        List<String> traceIds = jobLog.stream().filter(line -> line.getKey().contains(id)).map(Map.Entry::getValue)
                .toList();
        assertThat(traceIds).isNotEmpty().containsOnly(job.getTraceId());
    }

    @Test
    void shouldMarkAFailedJobAndItsRunningStepAsErrors() {
        String id = jobs.submit(JobType.SCHEMA_RESET, null, job -> {
            job.step("drop_tables");
            throw new JobFailure("the disk is full");
        }).id();

        SpanData job = awaitJobSpan(id);
        assertThat(job.getName()).isEqualTo("job SCHEMA_RESET");
        assertThat(job.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(job.getStatus().getDescription()).isEqualTo("the disk is full");
        assertThat(job.getAttributes().get(JobTracing.JOB_STATUS)).isEqualTo("FAILED");
        SpanData step = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(job.getSpanId())).findFirst().orElseThrow();
        assertThat(step.getName()).isEqualTo("drop_tables");
        assertThat(step.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(step.getAttributes().get(JobTracing.STEP_STATUS)).isEqualTo("FAILED");
        assertThat(step.getAttributes().get(JobTracing.STEP_ROWS)).isNull();
    }

    private SpanData awaitJobSpan(String id) {
        return Waits.waitFor("the span of job " + id)
                .until(() -> spans.getFinishedSpanItems().stream()
                        .filter(s -> id.equals(s.getAttributes().get(JobTracing.JOB_ID)))
                        .filter(s -> s.getName().startsWith("job ")).findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
