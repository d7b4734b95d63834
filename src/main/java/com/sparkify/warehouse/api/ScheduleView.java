package com.sparkify.warehouse.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sparkify.warehouse.run.EtlMode;
import com.sparkify.warehouse.run.EtlSchedule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The ETL schedule as clients see it: its settings, its next firing, and what its firings did since the
 * service started.
 */
@Schema(name = "EtlSchedule", description = "Scheduled ETL runs (sparkify.etl.schedule): when the next one fires "
        + "and what the firings did since the service started")
public record ScheduleView(
        @Schema(description = "Whether a schedule is set; false: the service starts no run by itself", example = "true")
        boolean enabled,
        @Schema(description = "The cron expression (Quarkus scheduler syntax), null when no schedule is set",
                nullable = true, example = "0 30 2 * * ?") String cron,
        @Schema(description = "The mode of scheduled runs (sparkify.etl.schedule-mode)",
                enumeration = { "full", "incremental" }, example = "incremental") EtlMode mode,
        @Schema(description = "When the schedule fires next; null when no schedule is set", nullable = true)
        Instant nextFireAt,
        @Schema(description = "When the schedule last fired; null before its first firing", nullable = true)
        Instant lastFiredAt,
        // Allowed values in words, not as an enum: OpenAPI 3.1 would need null among an enum's values.
        @Schema(description = "What the last firing did: `started` a run, `skipped` it (see lastSkipReason), or "
                + "`failed` to start one (see lastDetail); null before the first firing",
                nullable = true, example = "started")
        String lastOutcome,
        @Schema(description = "The run the last firing started (GET /etl/runs/{id})", nullable = true)
        String lastJobId,
        @Schema(description = "Why the last firing was skipped: `job-running`, `never-reset` or `mode-unavailable`; "
                + "null unless it was", nullable = true, example = "job-running") String lastSkipReason,
        @Schema(description = "What stopped the last firing, in words", nullable = true,
                example = "the warehouse has no tables yet: POST /schema/reset first") String lastDetail,
        @Schema(description = "Firings skipped since the service started, by reason: a job was running, the "
                + "warehouse was never reset, or the mode cannot run on this engine as configured",
                example = "{\"job-running\":1,\"never-reset\":0,\"mode-unavailable\":0}")
        Map<String, Long> skipped,
        @Schema(description = "What to set when no schedule is set", nullable = true)
        String note) {

    static final String NO_SCHEDULE = "no schedule is set: set sparkify.etl.schedule (SPARKIFY_ETL_SCHEDULE) to a "
            + "cron expression, e.g. \"0 30 2 * * ?\" for 02:30 every day, and restart the service";

    static ScheduleView of(EtlSchedule.State state) {
        Map<String, Long> skipped = new LinkedHashMap<>();
        state.skipped().forEach((reason, n) -> skipped.put(reason.value(), n));
        EtlSchedule.Firing last = state.last();
        return new ScheduleView(state.enabled(), state.cron(), state.mode(), state.nextFireAt(),
                last == null ? null : last.at(), last == null ? null : last.outcome().value(),
                last == null ? null : last.jobId(),
                last == null || last.reason() == null ? null : last.reason().value(),
                last == null ? null : last.detail(), skipped, state.enabled() ? null : NO_SCHEDULE);
    }
}
