package com.sparkify.warehouse.run;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadFailure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Runs mutating jobs one at a time on a dedicated thread and keeps their history. A job asked for
 * while another is queued or running is refused with {@link JobConflictException}. A job's record is
 * written when it is created, when it starts and when it ends; its progress stays in memory. A record
 * the history cannot take now (a full disk) is kept and written again until it can, so the job is
 * recorded as it ended, not as interrupted at the next start.
 */
@ApplicationScoped
public class JobService implements JobHistory {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    static final String INTERRUPTED = "interrupted: the service stopped while the job was running";

    private final JobStore store;
    private final MeterRegistry meters;
    private final Event<JobFinished> finished;
    private final JobTracing tracing;
    private final ManagedExecutor executor;
    private volatile CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
    private volatile Job active;
    /** Records the history could not take yet, newest state per job. */
    private final Map<String, JobRecord> unsaved = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparkify-job-history");
        t.setDaemon(true);
        return t;
    });

    /**
     * Jobs run on the framework's worker pool: one at a time because {@link #submit} refuses a second,
     * not because of the pool.
     */
    public JobService(JobStore store, MeterRegistry meters, Event<JobFinished> finished, JobTracing tracing,
            ManagedExecutor executor) {
        this.store = store;
        this.meters = meters;
        this.finished = finished;
        this.tracing = tracing;
        this.executor = executor;
        retries.scheduleWithFixedDelay(this::saveUnsaved, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /** How often records the history could not take are tried again. */
    static final long RETRY_SECONDS = 1;

    /** Marks jobs that a previous process left running as failed: their work died with it. */
    void onStart(@Observes StartupEvent event) {
        try {
            for (JobRecord job : store.unfinished()) {
                store.save(job.failedAt(Instant.now(), INTERRUPTED));
                LOG.warnf("Job %s (%s) was interrupted by a restart and is marked FAILED", job.id(), job.type());
            }
        } catch (SQLException | RuntimeException e) {
            // An unreachable warehouse must not stop the service; readiness reports it.
            LOG.warnf("Job history not checked at start-up: %s", e.getMessage());
        }
    }

    /** Queues a job a client asked for unless one is queued or running. */
    public JobRecord submit(JobType type, Map<String, String> sources, JobWork work) {
        return submit(type, sources, null, Trigger.API, work);
    }

    /** Queues an ETL run a client asked for in {@code mode} unless a job is queued or running. */
    public JobRecord submit(JobType type, Map<String, String> sources, EtlMode mode, JobWork work) {
        return submit(type, sources, mode, Trigger.API, work);
    }

    /** Queues a job unless one is queued or running; {@code mode} is an ETL run's, null for other jobs. */
    public synchronized JobRecord submit(JobType type, Map<String, String> sources, EtlMode mode, Trigger trigger,
            JobWork work) {
        Job current = active;
        if (current != null && !current.status().isFinal()) {
            throw new JobConflictException(current.view());
        }
        Job job = new Job(UUID.randomUUID().toString(), type, Instant.now(), sources, trigger);
        job.mode(mode);
        job.traced(tracing.submitted(job.id(), type));
        save(job.view());
        active = job;
        JobRecord queued = job.view();
        running = executor.runAsync(() -> run(job, work));
        return queued;
    }

    /** The job queued or running now, if any. */
    public Optional<JobRecord> current() {
        Job current = active;
        return current == null || current.status().isFinal() ? Optional.empty() : Optional.of(current.view());
    }

    /** A job by id: the live one first, then one waiting to be saved, then the history. */
    public Optional<JobRecord> find(String id) {
        Job current = active;
        if (current != null && current.id().equals(id)) {
            return Optional.of(live(current));
        }
        JobRecord waiting = unsaved.get(id);
        if (waiting != null) {
            return Optional.of(waiting);
        }
        try {
            return store.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("the job history cannot be read: " + e.getMessage(), e);
        }
    }

    /** Jobs newest first; the live job's entry is its current state. */
    public List<JobRecord> list(JobType type, JobStatus status, int limit) {
        try {
            Job current = active;
            Map<String, JobRecord> jobs = new java.util.LinkedHashMap<>();
            store.list(type, status, limit).forEach(j -> jobs.put(j.id(), j));
            unsaved.values().forEach(j -> jobs.put(j.id(), j)); // newer than what is stored, or not stored yet
            if (current != null) {
                jobs.put(current.id(), live(current));
            }
            return jobs.values().stream()
                    .filter(j -> type == null || j.type() == type)
                    .filter(j -> status == null || j.status() == status)
                    .sorted(java.util.Comparator.comparing(JobRecord::createdAt).reversed()
                            .thenComparing(JobRecord::id, java.util.Comparator.reverseOrder()))
                    .limit(limit)
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException("the job history cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<JobRecord> lastSucceeded(JobType type) {
        try {
            return store.lastSucceeded(type);
        } catch (SQLException e) {
            throw new IllegalStateException("the job history cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Asks a queued or running job to stop at its next safe point. Returns the job as it is now, or
     * empty when no such job exists.
     */
    public Optional<JobRecord> cancel(String id) {
        Job current = active;
        if (current != null && current.id().equals(id) && !current.status().isFinal()) {
            LOG.infof("Cancellation requested for job %s", id);
            current.requestCancel();
            return Optional.of(current.view());
        }
        return find(id);
    }

    /** Runs the job on the job thread inside its span, so that its log lines carry the trace id. */
    private void run(Job job, JobWork work) {
        try (Scope traced = job.trace().started()) {
            execute(job, work);
        }
    }

    private void execute(Job job, JobWork work) {
        Timer.Sample timer = Timer.start(meters);
        if (job.isCancelRequested()) {
            finish(job, JobStatus.CANCELLED, null);
            return;
        }
        job.started(Instant.now());
        save(job.view());
        LOG.infof("Job %s (%s) started", job.id(), job.type());
        try {
            work.run(job);
            // Work that returned has committed: a cancel arriving now comes too late to undo it.
            finish(job, JobStatus.SUCCEEDED, null);
        } catch (JobCancelledException | LoadCancelledException e) {
            finish(job, JobStatus.CANCELLED, null);
        } catch (JobFailure | LoadFailure e) {
            finish(job, JobStatus.FAILED, e.getMessage());
        } catch (Exception | Error e) {
            LOG.errorf(e, "Job %s (%s) failed", job.id(), job.type());
            String message = e.getMessage() == null ? "unexpected internal error" : e.getMessage();
            finish(job, job.isCancelRequested() ? JobStatus.CANCELLED : JobStatus.FAILED,
                    job.isCancelRequested() ? null : message);
        } finally {
            timer.stop(Timer.builder("sparkify.jobs.duration").description("Time from a job's start to its end")
                    .tags("type", job.type().name(), "status", job.status().name()).register(meters));
            Counter.builder("sparkify.jobs").description("Jobs ended, by type and final status")
                    .tags("type", job.type().name(), "status", job.status().name()).register(meters).increment();
        }
        afterFinish(job);
    }

    /** Observers (storage upkeep) run once the final status is saved and visible, before the next job. */
    private void afterFinish(Job job) {
        try {
            boolean[] detailed = { false };
            finished.fire(new JobFinished(job.view(), (key, value) -> {
                job.detail(key, value);
                detailed[0] = true;
            }));
            if (detailed[0]) {
                save(job.view());
            }
        } catch (RuntimeException e) {
            LOG.warnf("After job %s: %s", job.id(), e.getMessage());
        }
    }

    private void finish(Job job, JobStatus status, String error) {
        job.finished(status, error, Instant.now());
        job.trace().ended(status, error);
        save(job.view());
        if (status == JobStatus.FAILED) {
            LOG.warnf("Job %s (%s) failed: %s", job.id(), job.type(), error);
        } else {
            LOG.infof("Job %s (%s) %s", job.id(), job.type(), status);
        }
    }

    /** The live job as the API shows it: once ended, as its record says it (load errors cut to fit). */
    private JobRecord live(Job job) {
        JobRecord view = job.view();
        return view.status().isFinal() ? store.fitted(view) : view;
    }

    private void save(JobRecord view) {
        unsaved.put(view.id(), view);
        saveUnsaved();
    }

    /** Writes every record still waiting, oldest first; those the history refuses wait for the next try. */
    private synchronized void saveUnsaved() {
        for (JobRecord view : unsaved.values().stream()
                .sorted(java.util.Comparator.comparing(JobRecord::createdAt)).toList()) {
            try {
                store.save(view);
                unsaved.remove(view.id(), view);
                if (view.status().isFinal() && retried.remove(view.id())) {
                    LOG.infof("Job %s is recorded %s in the history at last", view.id(), view.status());
                }
            } catch (SQLException | RuntimeException e) {
                if (retried.add(view.id())) {
                    LOG.warnf("Job %s could not be saved to the history yet (tried again every %d s): %s",
                            view.id(), RETRY_SECONDS, e.getMessage());
                }
                return;
            }
        }
    }

    /** Jobs whose record has failed to save at least once, so the log says when it finally is. */
    private final java.util.Set<String> retried = ConcurrentHashMap.newKeySet();

    @PreDestroy
    void stop() {
        retries.shutdownNow();
        Job current = active;
        if (current != null && !current.status().isFinal()) {
            current.requestCancel();
        }
        try {
            running.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Job %s did not stop in time: %s", current == null ? "-" : current.id(), e.getMessage());
        }
        saveUnsaved();
    }
}
