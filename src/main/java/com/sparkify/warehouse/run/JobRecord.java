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
        Boolean truncated) {

    /** A job whose record is whole. */
    public JobRecord(String id, JobType type, JobStatus status, Instant createdAt, Instant startedAt,
            Instant finishedAt, Long durationMs, String error, Map<String, String> sources, List<Step> steps,
            Progress progress, List<LoadError> loadErrors, Long loadErrorCount, List<Check> checks,
            Map<String, Long> tableCounts, Map<String, String> details) {
        this(id, type, status, createdAt, startedAt, finishedAt, durationMs, error, sources, steps, progress,
                loadErrors, loadErrorCount, checks, tableCounts, details, null);
    }

    /** This job with only its first {@code kept} load errors listed, marked truncated. */
    JobRecord truncatedTo(int kept) {
        return new JobRecord(id, type, status, createdAt, startedAt, finishedAt, durationMs, error, sources, steps,
                progress, loadErrors == null ? null : List.copyOf(loadErrors.subList(0, Math.min(kept,
                        loadErrors.size()))), loadErrorCount, checks, tableCounts, details, Boolean.TRUE);
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
            Map<String, Long> rowsStaged, double percent, Long etaMs) {
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
        return new JobRecord(id, type, JobStatus.FAILED, createdAt, startedAt, at, duration, error, sources, ended,
                progress, loadErrors, loadErrorCount, checks, tableCounts, details, truncated);
    }
}
