package com.sparkify.warehouse.run;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.LoadFailure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;

/**
 * Runs mutating jobs one at a time on a dedicated thread and keeps their history. A job asked for
 * while another is queued or running is refused with {@link JobConflictException}.
 */
@ApplicationScoped
public class JobService implements JobHistory {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    static final String INTERRUPTED = "interrupted: the service stopped while the job was running";

    private final JobStore store;
    private final MeterRegistry meters;
    private final Event<JobFinished> finished;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sparkify-job");
        t.setDaemon(true);
        return t;
    });
    private volatile Job active;

    public JobService(JobStore store, MeterRegistry meters, Event<JobFinished> finished) {
        this.store = store;
        this.meters = meters;
        this.finished = finished;
    }

    /** Marks jobs that a previous process left running as failed: their work died with it. */
    void onStart(@Observes StartupEvent event) {
        try {
            for (JobRecord job : store.unfinished()) {
                store.update(job.failedAt(Instant.now(), INTERRUPTED));
                LOG.warnf("Job %s (%s) was interrupted by a restart and is marked FAILED", job.id(), job.type());
            }
        } catch (SQLException | RuntimeException e) {
            // An unreachable warehouse must not stop the service; readiness reports it.
            LOG.warnf("Job history not checked at start-up: %s", e.getMessage());
        }
    }

    /** Queues a job unless one is queued or running. */
    public synchronized JobRecord submit(JobType type, Map<String, String> sources, JobWork work) {
        Job current = active;
        if (current != null && !current.status().isFinal()) {
            throw new JobConflictException(current.view());
        }
        Job job = new Job(UUID.randomUUID().toString(), type, Instant.now(), sources);
        job.onCheckpoint(this::save);
        try {
            store.insert(job.view());
        } catch (SQLException e) {
            throw new IllegalStateException("the job history cannot be written: " + e.getMessage(), e);
        }
        active = job;
        JobRecord queued = job.view();
        executor.execute(() -> run(job, work));
        return queued;
    }

    /** A job by id: the live one first, then the history. */
    public Optional<JobRecord> find(String id) {
        Job current = active;
        if (current != null && current.id().equals(id)) {
            return Optional.of(current.view());
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
            return store.list(type, status, limit).stream()
                    .map(j -> current != null && current.id().equals(j.id()) ? current.view() : j)
                    .filter(j -> status == null || j.status() == status)
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

    private void run(Job job, JobWork work) {
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
            timer.stop(meters.timer("sparkify.jobs.duration", "type", job.type().name(), "status",
                    job.status().name()));
            meters.counter("sparkify.jobs", "type", job.type().name(), "status", job.status().name()).increment();
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
        save(job.view());
        if (status == JobStatus.FAILED) {
            LOG.warnf("Job %s (%s) failed: %s", job.id(), job.type(), error);
        } else {
            LOG.infof("Job %s (%s) %s", job.id(), job.type(), status);
        }
    }

    private void save(JobRecord view) {
        try {
            store.update(view);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Job %s could not be saved to the history: %s", view.id(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        Job current = active;
        if (current != null && !current.status().isFinal()) {
            current.requestCancel();
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
