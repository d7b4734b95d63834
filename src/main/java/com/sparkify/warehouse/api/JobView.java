package com.sparkify.warehouse.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;

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
        Boolean truncated) {

    static JobView of(JobRecord job) {
        return new Builder()
                .id(job.id())
                .type(job.type())
                .status(job.status())
                .createdAt(job.createdAt())
                .startedAt(job.startedAt())
                .finishedAt(job.finishedAt())
                .durationMs(job.durationMs())
                .error(job.error())
                .sources(job.sources())
                .steps(job.steps() == null ? null : job.steps().stream().map(Step::of).toList())
                .progress(job.progress() == null ? null : Progress.of(job.progress()))
                .loadErrors(job.loadErrors() == null ? null : job.loadErrors().stream().map(LoadError::of).toList())
                .loadErrorCount(job.loadErrorCount())
                .checks(job.checks() == null ? null : job.checks().stream().map(Check::of).toList())
                .tableCounts(job.tableCounts())
                .details(job.details())
                .truncated(job.truncated())
                .build();
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

    /** Builds a {@link JobView} field by field, by name rather than by position; fields not set stay null. */
    static final class Builder {
        private String id;
        private JobType type;
        private JobStatus status;
        private Instant createdAt;
        private Instant startedAt;
        private Instant finishedAt;
        private Long durationMs;
        private String error;
        private Map<String, String> sources;
        private List<Step> steps;
        private Progress progress;
        private List<LoadError> loadErrors;
        private Long loadErrorCount;
        private List<Check> checks;
        private Map<String, Long> tableCounts;
        private Map<String, String> details;
        private Boolean truncated;

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder type(JobType type) {
            this.type = type;
            return this;
        }

        Builder status(JobStatus status) {
            this.status = status;
            return this;
        }

        Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        Builder error(String error) {
            this.error = error;
            return this;
        }

        Builder sources(Map<String, String> sources) {
            this.sources = sources;
            return this;
        }

        Builder steps(List<Step> steps) {
            this.steps = steps;
            return this;
        }

        Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        Builder loadErrors(List<LoadError> loadErrors) {
            this.loadErrors = loadErrors;
            return this;
        }

        Builder loadErrorCount(Long loadErrorCount) {
            this.loadErrorCount = loadErrorCount;
            return this;
        }

        Builder checks(List<Check> checks) {
            this.checks = checks;
            return this;
        }

        Builder tableCounts(Map<String, Long> tableCounts) {
            this.tableCounts = tableCounts;
            return this;
        }

        Builder details(Map<String, String> details) {
            this.details = details;
            return this;
        }

        Builder truncated(Boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        JobView build() {
            return new JobView(id, type, status, createdAt, startedAt, finishedAt, durationMs, error, sources,
                    steps, progress, loadErrors, loadErrorCount, checks, tableCounts, details, truncated);
        }
    }
}
