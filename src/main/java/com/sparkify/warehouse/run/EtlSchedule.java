package com.sparkify.warehouse.run;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.sparkify.warehouse.config.SparkifyConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * ETL runs the service starts itself, on the cron expression of {@code sparkify.etl.schedule}. A firing
 * starts an ordinary job (history, progress, cancel) marked {@link Trigger#SCHEDULE}; a firing that
 * cannot start a run ({@link SkipReason}) is skipped, not queued, and counted with its reason. What the
 * schedule has done lives in memory: a restart starts the counts again.
 */
@ApplicationScoped
public class EtlSchedule {

    private static final Logger LOG = Logger.getLogger(EtlSchedule.class);

    /** The scheduler's identity of the job. */
    static final String JOB_ID = "sparkify-etl-schedule";

    /** Why a firing started no run. */
    public enum SkipReason {
        /** A job was queued or running: runs never overlap, and the next firing loads what this one would have. */
        JOB_RUNNING,
        /** The warehouse has no tables yet: a run would only fail until {@code POST /schema/reset}. */
        NEVER_RESET,
        /** The schedule's mode cannot run on this engine as configured. */
        MODE_UNAVAILABLE;

        /** The JSON form, e.g. {@code job-running}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a firing did. */
    public enum Outcome {
        STARTED, SKIPPED, FAILED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The last firing: when, what it did, the run it started or why it did not. */
    public record Firing(Instant at, Outcome outcome, String jobId, SkipReason reason, String detail) {
    }

    /** The schedule as configured and what it has done since the service started. */
    public record State(String cron, EtlMode mode, Instant nextFireAt, Firing last, Map<SkipReason, Long> skipped) {

        /** Whether a schedule is set at all. */
        public boolean enabled() {
            return cron != null;
        }
    }

    private final SparkifyConfig config;
    private final WarehouseJobs warehouseJobs;
    private final JobService jobs;
    private final Scheduler scheduler;
    private final MeterRegistry meters;
    private final Map<SkipReason, AtomicLong> skipped = new EnumMap<>(SkipReason.class);
    private volatile String cron;
    private volatile EtlMode mode;
    private volatile Firing last;

    public EtlSchedule(SparkifyConfig config, WarehouseJobs warehouseJobs, JobService jobs, Scheduler scheduler,
            MeterRegistry meters) {
        this.config = config;
        this.warehouseJobs = warehouseJobs;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.meters = meters;
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, new AtomicLong());
        }
    }

    void onStart(@Observes StartupEvent event) {
        start(config.etl().schedule(), config.etl().scheduleMode());
    }

    /**
     * Checks the settings and registers the schedule; a setting that cannot be used stops the start-up
     * with a message naming it.
     */
    void start(Optional<String> expression, String modeSetting) {
        EtlMode scheduled = scheduleMode(modeSetting);
        String expr = expression.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (expr != null) {
            String problem = cronProblem(expr, cronType());
            if (problem != null) {
                throw new ConfigurationException("sparkify.etl.schedule (SPARKIFY_ETL_SCHEDULE) is \"" + expr
                        + "\", which is not a cron expression in the Quarkus scheduler's syntax (" + cronType()
                        + ": e.g. \"0 30 2 * * ?\" for 02:30 every day): " + problem);
            }
        }
        mode = scheduled;
        if (expr == null) {
            return;
        }
        scheduler.newJob(JOB_ID)
                .setCron(expr)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> fire())
                .schedule();
        cron = expr;
        LOG.infof("Scheduled %s ETL runs on \"%s\"; next at %s", mode.value(), expr, nextFireAt());
    }

    private static EtlMode scheduleMode(String setting) {
        try {
            return EtlMode.parse(setting);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("sparkify.etl.schedule-mode (SPARKIFY_ETL_SCHEDULE_MODE) is \"" + setting
                    + "\", but must be full or incremental");
        }
    }

    /** The cron syntax the scheduler parses ({@code quarkus.scheduler.cron-type}, Quartz unless set). */
    private static CronType cronType() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.scheduler.cron-type", String.class)
                .map(t -> CronType.valueOf(t.strip().toUpperCase(Locale.ROOT).replace('-', '_')))
                .orElse(CronType.QUARTZ);
    }

    /** What is wrong with a cron expression in that syntax, as the scheduler's parser says it; null if nothing. */
    static String cronProblem(String expression, CronType type) {
        try {
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(expression).validate();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** One firing: starts a scheduled run, or skips it and says why. */
    public Firing fire() {
        Instant at = Instant.now();
        Optional<JobRecord> running = jobs.current();
        if (running.isPresent()) {
            return skip(at, SkipReason.JOB_RUNNING, "job " + running.get().id() + " (" + running.get().type()
                    + ") is " + running.get().status());
        }
        Optional<String> unavailable = warehouseJobs.unavailable(mode);
        if (unavailable.isPresent()) {
            return skip(at, SkipReason.MODE_UNAVAILABLE, unavailable.get());
        }
        try {
            if (!warehouseJobs.warehouseReset()) {
                return skip(at, SkipReason.NEVER_RESET, "the warehouse has no tables yet: POST /schema/reset first");
            }
            JobRecord job = warehouseJobs.startEtl(new EtlRequest(null, null, null, mode.value()), Trigger.SCHEDULE);
            LOG.infof("Scheduled %s ETL run %s started", mode.value(), job.id());
            return record(new Firing(at, Outcome.STARTED, job.id(), null, null));
        } catch (JobConflictException e) {
            // A client's job started between the check and the submit.
            return skip(at, SkipReason.JOB_RUNNING, e.getMessage());
        } catch (InvalidEtlRequestException e) {
            if ("mode".equals(e.field())) {
                return skip(at, SkipReason.MODE_UNAVAILABLE, e.getMessage());
            }
            return failed(at, e.getMessage());
        } catch (Exception e) {
            return failed(at, e.getMessage() == null ? "unexpected internal error" : e.getMessage());
        }
    }

    /** The schedule as configured and what it has done. */
    public State state() {
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        skipped.forEach((reason, n) -> counts.put(reason, n.get()));
        return new State(cron, mode, nextFireAt(), last, counts);
    }

    private Instant nextFireAt() {
        if (cron == null) {
            return null;
        }
        io.quarkus.scheduler.Trigger trigger = scheduler.getScheduledJob(JOB_ID);
        return trigger == null ? null : trigger.getNextFireTime();
    }

    private Firing skip(Instant at, SkipReason reason, String detail) {
        skipped.get(reason).incrementAndGet();
        Counter.builder("sparkify.etl.schedule.skipped").description("Scheduled ETL runs skipped, by reason")
                .tag("reason", reason.value()).register(meters).increment();
        LOG.infof("Scheduled ETL run skipped (%s): %s", reason.value(), detail);
        return record(new Firing(at, Outcome.SKIPPED, null, reason, detail));
    }

    private Firing failed(Instant at, String detail) {
        LOG.warnf("Scheduled ETL run could not start: %s", detail);
        return record(new Firing(at, Outcome.FAILED, null, null, detail));
    }

    private Firing record(Firing firing) {
        last = firing;
        return firing;
    }
}
