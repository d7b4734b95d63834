package com.sparkify.warehouse.run;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.context.ManagedExecutor;

import com.sparkify.warehouse.support.Waits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Jobs for tests that run job work directly: a new {@link Job}, cancellation, and a {@link JobService}
 * whose history lives in memory instead of a warehouse.
 */
public final class TestJobs {

    /** The executors of the services made here: outside CDI no container shuts them down. */
    private static final Map<JobService, ManagedExecutor> EXECUTORS = new ConcurrentHashMap<>();

    private TestJobs() {
    }

    /** What {@code DELETE /etl/runs/{id}} does: flags the job and runs its cancel hooks. */
    public static void requestCancel(Job job) {
        job.requestCancel();
    }

    /** A job registry with an in-memory history; {@link #stop(JobService)} it after the test. */
    public static JobService inMemoryService() {
        return inMemoryService(finished -> {
        });
    }

    /** As {@link #inMemoryService()}, with {@code observer} called on each {@link JobFinished}. */
    public static JobService inMemoryService(java.util.function.Consumer<JobFinished> observer) {
        ManagedExecutor executor = ManagedExecutor.builder().maxAsync(1).build();
        JobService service = new JobService(new InMemoryStore(), new SimpleMeterRegistry(), new NoObservers(observer),
                JobTracing.off(), executor);
        EXECUTORS.put(service, executor);
        return service;
    }

    public static void stop(JobService service) {
        service.stop();
        ManagedExecutor executor = EXECUTORS.remove(service);
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Waits until the job has ended and returns it. */
    public static JobRecord await(JobService service, String id, Duration timeout) {
        return Waits.waitFor("job " + id + " to end", timeout)
                .until(() -> service.find(id), job -> job.isPresent() && job.get().status().isFinal())
                .orElseThrow();
    }

    /** Job history in a map. */
    private static final class InMemoryStore extends JobStore {
        private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();

        InMemoryStore() {
            super((java.nio.file.Path) null, new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules());
        }

        @Override
        public void save(JobRecord job) {
            jobs.put(job.id(), job);
        }

        @Override
        public Optional<JobRecord> find(String id) {
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public List<JobRecord> list(JobType type, JobStatus status, int limit) {
            return new ArrayList<>(jobs.values()).stream()
                    .filter(j -> type == null || j.type() == type)
                    .filter(j -> status == null || j.status() == status)
                    .limit(limit)
                    .toList();
        }

        @Override
        public Optional<JobRecord> lastSucceeded(JobType type) {
            return jobs.values().stream().filter(j -> j.type() == type && j.status() == JobStatus.SUCCEEDED)
                    .findFirst();
        }

        @Override
        public List<JobRecord> unfinished() {
            return List.of();
        }
    }

    /** The {@link JobFinished} event outside CDI: no one observes it. */
    private static final class NoObservers implements Event<JobFinished> {
        private final java.util.function.Consumer<JobFinished> observer;

        NoObservers(java.util.function.Consumer<JobFinished> observer) {
            this.observer = observer;
        }

        @Override
        public void fire(JobFinished event) {
            observer.accept(event);
        }

        @Override
        public <U extends JobFinished> CompletionStage<U> fireAsync(U event) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends JobFinished> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public Event<JobFinished> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends JobFinished> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends JobFinished> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
