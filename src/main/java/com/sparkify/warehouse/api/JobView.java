package com.sparkify.warehouse.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sparkify.warehouse.run.EtlMode;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.Trigger;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as clients see it: the API's representation of the job framework's {@link JobRecord}, whose
 * JSON is part of the HTTP contract.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Job", description = "A schema reset, ETL run or cluster operation, with its status and what it did")
public record JobView(
        @Schema(example = "2f9d0c53-6a43-4c4e-9a59-3e5f2a7d5b11") String id,
        @Schema(example = "ETL_RUN") JobType type,
        @Schema(example = "RUNNING") JobStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Milliseconds from start to finish, or to now while running", example = "1432")
        Long durationMs,
        @Schema(description = "Why the job failed", example = "staging_events: 3 load errors exceed max-errors 0")
        String error,
        @Schema(description = "Where the run read from (no credentials)")
        Map<String, String> sources,
        List<Step> steps,
        Progress progress,
        @Schema(description = "The first 100 bad records")
        List<LoadError> loadErrors,
        @Schema(description = "All bad records, including those not listed")
        Long loadErrorCount,
        List<Check> checks,
        @Schema(description = "Rows per table after the job")
        Map<String, Long> tableCounts,
        @Schema(description = "Operation-specific facts, e.g. a cluster's endpoint, or which reader staged "
                + "a table (staging_events_reader: duckdb, or the service's loader and why)")
        Map<String, String> details,
        @Schema(description = "True when the job history kept fewer load errors than the job listed, as the "
                + "whole record did not fit in its store; loadErrorCount still counts them all")
        Boolean truncated,
        @Schema(description = "An ETL run's mode: full (replaces the star schema) or incremental (merges what the "
                + "ledger had not recorded); absent for other jobs", type = SchemaType.STRING,
                enumeration = { "full", "incremental" }, example = "full")
        EtlMode mode,
        @Schema(description = "What started the job: a client's request, or the schedule (sparkify.etl.schedule)",
                type = SchemaType.STRING, enumeration = { "api", "schedule" }, example = "api")
        Trigger trigger) {

    /**
     * The HTTP form of a job record: the same fields, each nested part mapped to its documented type. A job
     * stored before jobs recorded their trigger was started by a client.
     */
    static JobView of(JobRecord job) {
        return new JobView(job.id(), job.type(), job.status(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.durationMs(), job.error(), job.sources(), map(job.steps(), Step::of),
                job.progress() == null ? null : Progress.of(job.progress()), map(job.loadErrors(), LoadError::of),
                job.loadErrorCount(), map(job.checks(), Check::of), job.tableCounts(), job.details(),
                job.truncated(), job.mode(), job.trigger() == null ? Trigger.API : job.trigger());
    }

    private static <T, R> List<R> map(List<T> parts, java.util.function.Function<T, R> of) {
        return parts == null ? null : parts.stream().map(of).toList();
    }

    static List<JobView> of(List<JobRecord> jobs) {
        return jobs.stream().map(JobView::of).toList();
    }

    /** One step of a job, e.g. {@code stage_events} or {@code transform}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, JobStatus status, Instant startedAt, Instant finishedAt, Long durationMs,
            Long rows) {

        static Step of(JobRecord.Step s) {
            return new Step(s.name(), s.status(), s.startedAt(), s.finishedAt(), s.durationMs(), s.rows());
        }
    }

    /**
     * How far a job has come. Percent and ETA are absent while the run still lists its sources: until the
     * listing ends the total is not known yet, and a figure would be wrong.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(long objectsListed, long objectsDone, long bytesListed, long bytesDone,
            Map<String, Long> rowsStaged,
            @Schema(description = "Percent done; absent while the sources are still being listed (not known yet)",
                    nullable = true, example = "55.0") Double percent,
            @Schema(description = "Estimated milliseconds left; absent while the sources are still being listed, "
                    + "and until enough is done to estimate", nullable = true, example = "1870") Long etaMs) {

        static Progress of(JobRecord.Progress p) {
            return new Progress(p.objectsListed(), p.objectsDone(), p.bytesListed(), p.bytesDone(), p.rowsStaged(),
                    p.percent(), p.etaMs());
        }
    }

    /** A record that could not be loaded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoadError(
            @Schema(example = "staging_events") String table,
            @Schema(example = "log_data/2018/11/2018-11-03-events.json") String object,
            @Schema(example = "17") long line,
            @Schema(example = "itemInSession") String column,
            @Schema(example = "not an integer: \"three\"") String reason,
            @Schema(example = "{\"artist\":null,\"auth\":\"Logged In\",\"itemInSession\":\"three\"") String raw) {

        static LoadError of(JobRecord.LoadError e) {
            return new LoadError(e.table(), e.object(), e.line(), e.column(), e.reason(), e.raw());
        }
    }

    /** A data-quality check run before the transform commits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(
            @Schema(example = "users_unique_user_id") String name,
            @Schema(example = "true") boolean passed,
            @Schema(example = "0 duplicate user_id values") String detail) {

        static Check of(JobRecord.Check c) {
            return new Check(c.name(), c.passed(), c.detail());
        }
    }
}
