package com.sparkify.warehouse.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job as the job history stores it (as JSON, see {@link JobStore}) and the job framework hands it
 * out: a snapshot of a live job or an entry read back after a restart, in the same shape. The API
 * answers with its own representation of it; the fields mean what they mean there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(
        String id,
        JobType type,
        JobStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        String error,
        Map<String, String> sources,
        List<Step> steps,
        Progress progress,
        List<LoadError> loadErrors,
        Long loadErrorCount,
        List<Check> checks,
        Map<String, Long> tableCounts,
        Map<String, String> details,
        /** True when the store kept fewer load errors than the job listed, as the whole record did not fit. */
        Boolean truncated,
        /** An ETL run's mode; null for other jobs. */
        EtlMode mode,
        /** What started the job. */
        Trigger trigger) {

    /** A job built field by field: every field not set stays null. */
    public static Builder builder(String id, JobType type, JobStatus status) {
        return new Builder().id(id).type(type).status(status);
    }

    /** A builder holding this job's fields, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().id(id).type(type).status(status).createdAt(createdAt).startedAt(startedAt)
                .finishedAt(finishedAt).durationMs(durationMs).error(error).sources(sources).steps(steps)
                .progress(progress).loadErrors(loadErrors).loadErrorCount(loadErrorCount).checks(checks)
                .tableCounts(tableCounts).details(details).truncated(truncated).mode(mode).trigger(trigger);
    }

    /** This job with only its first {@code kept} load errors listed, marked truncated. */
    JobRecord truncatedTo(int kept) {
        return toBuilder()
                .loadErrors(loadErrors == null ? null : List.copyOf(loadErrors.subList(0, Math.min(kept,
                        loadErrors.size()))))
                .truncated(Boolean.TRUE)
                .build();
    }

    /** One step of a job, e.g. {@code stage_events} or {@code transform}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, JobStatus status, Instant startedAt, Instant finishedAt, Long durationMs,
            Long rows) {
    }

    /** A record that could not be loaded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoadError(String table, String object, long line, String column, String reason, String raw) {
    }

    /** A data-quality check run before the transform commits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String name, boolean passed, String detail) {
    }

    /** How far a job has come. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(long objectsListed, long objectsDone, long bytesListed, long bytesDone,
            Map<String, Long> rowsStaged, Double percent, Long etaMs) {
    }

    /**
     * This job as failed at {@code at} with {@code error}: what a job left running by a stopped process
     * becomes, its running steps failed with it.
     */
    JobRecord failedAt(Instant at, String error) {
        List<Step> ended = steps == null ? null : steps.stream()
                .map(s -> s.status() == JobStatus.RUNNING
                        ? new Step(s.name(), JobStatus.FAILED, s.startedAt(), at, s.durationMs(), s.rows())
                        : s)
                .toList();
        Long duration = startedAt == null ? null : at.toEpochMilli() - startedAt.toEpochMilli();
        return toBuilder().status(JobStatus.FAILED).finishedAt(at).durationMs(duration).error(error).steps(ended)
                .build();
    }

    /** Builds a {@link JobRecord} field by field, by name rather than by position. */
    public static final class Builder {
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
        private EtlMode mode;
        private Trigger trigger;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder type(JobType type) {
            this.type = type;
            return this;
        }

        public Builder status(JobStatus status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder sources(Map<String, String> sources) {
            this.sources = sources;
            return this;
        }

        public Builder steps(List<Step> steps) {
            this.steps = steps;
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public Builder loadErrors(List<LoadError> loadErrors) {
            this.loadErrors = loadErrors;
            return this;
        }

        public Builder loadErrorCount(Long loadErrorCount) {
            this.loadErrorCount = loadErrorCount;
            return this;
        }

        public Builder checks(List<Check> checks) {
            this.checks = checks;
            return this;
        }

        public Builder tableCounts(Map<String, Long> tableCounts) {
            this.tableCounts = tableCounts;
            return this;
        }

        public Builder details(Map<String, String> details) {
            this.details = details;
            return this;
        }

        public Builder truncated(Boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public Builder mode(EtlMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder trigger(Trigger trigger) {
            this.trigger = trigger;
            return this;
        }

        public JobRecord build() {
            return new JobRecord(id, type, status, createdAt, startedAt, finishedAt, durationMs, error, sources,
                    steps, progress, loadErrors, loadErrorCount, checks, tableCounts, details, truncated, mode, trigger);
        }
    }
}
