package com.sparkify.warehouse.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.CheckResult;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.StagingListener;

/**
 * A running job as its work sees it: status, steps, progress counters, load errors and checks, safe to
 * update from the loader's threads while clients poll {@link #view()}. It is the listener the
 * warehouse's work reports to: the job framework's side of {@link StagingListener}, which also keeps
 * what the load listed at each location for the ledger.
 */
public final class Job implements StagingListener {

    /** The objects a load listed at one location (the song or log location). */
    record Listing(SourceLocation location, List<SourceObject> objects) {
    }

    private final String id;
    private final JobType type;
    private final Instant createdAt;
    private final Map<String, String> sources;
    private final Trigger trigger;
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile List<JobRecord.Check> checks;
    private volatile Map<String, Long> tableCounts;
    private final Map<String, String> details = new ConcurrentHashMap<>();
    private final List<StepState> steps = new CopyOnWriteArrayList<>();
    private final Progress progress = new Progress();
    private final List<JobRecord.LoadError> loadErrors = new CopyOnWriteArrayList<>();
    private final AtomicLong loadErrorCount = new AtomicLong();
    private final List<Listing> listings = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelRequested;
    private volatile Consumer<JobRecord> checkpoint = view -> {
    };
    private volatile JobTracing.Trace trace;
    private volatile EtlMode mode;

    Job(String id, JobType type, Instant createdAt, Map<String, String> sources, Trigger trigger) {
        this.id = id;
        this.type = type;
        this.createdAt = createdAt;
        this.sources = sources == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.trigger = trigger;
    }

    /** A running job no one submitted and nothing records, for tests that run job work directly. */
    public static Job detached(JobType type) {
        Job job = new Job(UUID.randomUUID().toString(), type, Instant.now(), null, Trigger.API);
        job.started(job.createdAt);
        return job;
    }

    /** An ETL run's mode, shown in its record from the moment it is queued. */
    void mode(EtlMode mode) {
        this.mode = mode;
    }

    public EtlMode mode() {
        return mode;
    }

    public String id() {
        return id;
    }

    public JobType type() {
        return type;
    }

    public Trigger trigger() {
        return trigger;
    }

    public JobStatus status() {
        return status;
    }

    /** Progress counters for the loader. */
    public Progress progress() {
        return progress;
    }

    /** Starts a named step; the caller ends it with {@link StepState#succeed(Long)} or it fails with the job. */
    @Override
    public StepState step(String name) {
        checkCancelled();
        StepState step = new StepState(name, trace);
        steps.add(step);
        return step;
    }

    /** Records a bad record: listed while fewer than {@link LoadError#MAX_LISTED} are, counted always. */
    @Override
    public void loadError(LoadError loadError) {
        if (loadErrorCount.incrementAndGet() <= LoadError.MAX_LISTED) {
            loadErrors.add(new JobRecord.LoadError(loadError.table(), loadError.object(), loadError.line(),
                    loadError.column(), loadError.reason(), loadError.raw()));
        }
    }

    public long loadErrorCount() {
        return loadErrorCount.get();
    }

    @Override
    public void listingStarted() {
        progress.listing(true);
    }

    @Override
    public void listed(List<SourceObject> objects) {
        progress.listed(objects);
    }

    /** Kept beside the progress: the ledger records these objects once the run commits. */
    @Override
    public void listed(SourceLocation location, List<SourceObject> objects) {
        listings.add(new Listing(location, List.copyOf(objects)));
        listed(objects);
    }

    /** What the job's load listed, location by location, in the order it listed them. */
    List<Listing> listings() {
        return List.copyOf(listings);
    }

    @Override
    public void listingEnded() {
        progress.listing(false);
    }

    @Override
    public void objectDone(long bytes) {
        progress.objectDone(bytes);
    }

    @Override
    public void rowsStaged(String table, long rows) {
        progress.rowsStaged(table, rows);
    }

    @Override
    public void retract(long objects, long bytes, String table, long rows) {
        progress.retract(objects, bytes, table, rows);
    }

    public void checks(List<CheckResult> results) {
        this.checks = results.stream().map(c -> new JobRecord.Check(c.name(), c.passed(), c.detail())).toList();
    }

    public void tableCounts(Map<String, Long> counts) {
        this.tableCounts = counts;
    }

    /** A fact about the job worth showing, e.g. a cluster endpoint. */
    @Override
    public void detail(String key, String value) {
        details.put(key, value);
    }

    /** The fact recorded under {@code key}, or null. */
    public String detail(String key) {
        return details.get(key);
    }

    /** Saves the current state to the job history now, e.g. at the end of a step. */
    @Override
    public void checkpoint() {
        checkpoint.accept(view());
    }

    /** Whether cancellation was requested; long loops test it and stop at the next safe point. */
    @Override
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Throws {@link JobCancelledException} when cancellation was requested. */
    @Override
    public void checkCancelled() {
        if (cancelRequested) {
            throw new JobCancelledException();
        }
    }

    /**
     * Registers what to do on cancellation while a long call runs (e.g. {@code Statement::cancel});
     * close the returned handle when the call is over.
     */
    @Override
    public Registration onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelRequested) {
            hook.run();
        }
        return () -> cancelHooks.remove(hook);
    }

    void requestCancel() {
        cancelRequested = true;
        for (Runnable hook : cancelHooks) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // best effort: the work notices the flag at its next safe point anyway
            }
        }
    }

    void onCheckpoint(Consumer<JobRecord> checkpoint) {
        this.checkpoint = checkpoint;
    }

    void traced(JobTracing.Trace trace) {
        this.trace = trace;
    }

    JobTracing.Trace trace() {
        return trace;
    }

    void started(Instant at) {
        startedAt = at;
        status = JobStatus.RUNNING;
    }

    void finished(JobStatus finalStatus, String failure, Instant at) {
        for (StepState step : steps) {
            step.endIfRunning(finalStatus == JobStatus.SUCCEEDED ? JobStatus.SUCCEEDED : finalStatus, at);
        }
        error = failure;
        finishedAt = at;
        status = finalStatus;
        listings.clear(); // the service holds its last job until the next: not a large run's listing with it
    }

    /** A consistent-enough snapshot for clients and the job history. */
    public JobRecord view() {
        Instant now = Instant.now();
        Instant end = finishedAt != null ? finishedAt : now;
        Long duration = startedAt == null ? null : Duration.between(startedAt, end).toMillis();
        List<JobRecord.Step> stepViews = new ArrayList<>(steps.size());
        for (StepState step : steps) {
            stepViews.add(step.view(now));
        }
        JobRecord.Builder record = JobRecord.builder(id, type, status)
                .createdAt(createdAt)
                .startedAt(startedAt)
                .finishedAt(finishedAt)
                .durationMs(duration)
                .error(error)
                .sources(sources)
                .trigger(trigger)
                .steps(stepViews.isEmpty() ? null : stepViews)
                .checks(checks)
                .tableCounts(tableCounts)
                .details(details.isEmpty() ? null : Map.copyOf(details))
                .mode(mode);
        if (type == JobType.ETL_RUN) {
            record.progress(progress.view(status, now))
                    .loadErrors(List.copyOf(loadErrors))
                    .loadErrorCount(loadErrorCount.get());
        }
        return record.build();
    }

    /** One step's state. */
    public static final class StepState implements Step {
        private final String name;
        private final Instant startedAt = Instant.now();
        private volatile Instant finishedAt;
        private volatile JobStatus status = JobStatus.RUNNING;
        private volatile Long rows;
        private final JobTracing.Trace trace;

        StepState(String name, JobTracing.Trace trace) {
            this.name = name;
            this.trace = trace;
            if (trace != null) {
                trace.stepStarted(this, name);
            }
        }

        /** Ends the step successfully with the rows it wrote, if it counts rows. */
        @Override
        public void succeed(Long rowCount) {
            rows = rowCount;
            finishedAt = Instant.now();
            status = JobStatus.SUCCEEDED;
            if (trace != null) {
                trace.stepEnded(this, status, rowCount);
            }
        }

        void endIfRunning(JobStatus jobStatus, Instant at) {
            if (status == JobStatus.RUNNING) {
                finishedAt = at;
                status = jobStatus;
                if (trace != null) {
                    trace.stepEnded(this, jobStatus, null);
                }
            }
        }

        JobRecord.Step view(Instant now) {
            Instant end = finishedAt != null ? finishedAt : now;
            return new JobRecord.Step(name, status, startedAt, finishedAt, Duration.between(startedAt, end).toMillis(),
                    rows);
        }
    }

    /**
     * Objects, bytes and rows. Percent runs over a phase range set by the work: the byte fraction of
     * staging fills most of it, the transform the rest.
     */
    public static final class Progress {
        private final AtomicLong objectsListed = new AtomicLong();
        private final AtomicLong objectsDone = new AtomicLong();
        private final AtomicLong bytesListed = new AtomicLong();
        private final AtomicLong bytesDone = new AtomicLong();
        private final Map<String, LongAdder> rowsStaged = new ConcurrentHashMap<>();
        private volatile double phaseFrom;
        private volatile double phaseTo;
        private volatile Instant phaseStart;
        private volatile boolean listing;

        /** Whether the sources are being listed: percent and ETA are not known meanwhile. */
        public void listing(boolean running) {
            listing = running;
        }

        public void listed(long objects, long bytes) {
            objectsListed.addAndGet(objects);
            bytesListed.addAndGet(bytes);
        }

        /** The objects a load has listed, counted with their bytes. */
        public void listed(List<SourceObject> objects) {
            listed(objects.size(), objects.stream().mapToLong(SourceObject::size).sum());
        }

        public void objectDone(long bytes) {
            objectsDone.incrementAndGet();
            bytesDone.addAndGet(bytes);
        }

        public void rowsStaged(String table, long rows) {
            rowsStaged.computeIfAbsent(table, t -> new LongAdder()).add(rows);
        }

        /** Takes back what a load reported before it was abandoned, so the load that replaces it counts afresh. */
        public void retract(long objects, long bytes, String table, long rows) {
            objectsDone.addAndGet(-objects);
            bytesDone.addAndGet(-bytes);
            rowsStaged(table, -rows);
        }

        /** Percent moves from {@code from} to {@code to} as the listed bytes are read. */
        public void phase(double from, double to) {
            phaseFrom = from;
            phaseTo = to;
            phaseStart = Instant.now();
        }

        JobRecord.Progress view(JobStatus status, Instant now) {
            long listed = bytesListed.get();
            double fraction = listed == 0 ? 0 : Math.min(1.0, (double) bytesDone.get() / listed);
            // Before the first phase starts, or while the listing runs, the total is not known yet.
            boolean known = phaseStart != null && !listing;
            Double percent = status == JobStatus.SUCCEEDED ? Double.valueOf(100.0)
                    : !known ? null
                    : Double.valueOf(Math.round((phaseFrom + (phaseTo - phaseFrom) * fraction) * 10) / 10.0);
            Long eta = null;
            if (!status.isFinal() && known && fraction > 0.01 && fraction < 1.0) {
                long elapsed = Duration.between(phaseStart, now).toMillis();
                eta = (long) (elapsed * (1 - fraction) / fraction);
            }
            Map<String, Long> rows = new TreeMap<>();
            rowsStaged.forEach((table, adder) -> rows.put(table, adder.sum()));
            return new JobRecord.Progress(objectsListed.get(), objectsDone.get(), listed, bytesDone.get(), rows,
                    percent, eta);
        }
    }
}
