package com.sparkify.warehouse.run;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.ChangeJournal;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.InvalidSourceException;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.ChecksFailed;
import com.sparkify.warehouse.warehouse.Ledger;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.SchemaService;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.TransformService;
import com.sparkify.warehouse.warehouse.Warehouse;
import com.sparkify.warehouse.warehouse.WarehouseChanged;
import com.sparkify.warehouse.warehouse.WorkListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The warehouse's two jobs: schema reset (the seed's {@code create_tables.py}) and the ETL run
 * (the seed's {@code etl.py}: stage, then transform and check), and the tables they leave.
 */
@ApplicationScoped
public class WarehouseJobs {

    private final JobService jobs;
    private final Warehouse warehouse;
    private final SchemaService schema;
    private final TransformService transform;
    private final SourceService sources;
    private final Event<WarehouseChanged> changed;
    private final MeterRegistry meters;
    private final SparkifyConfig config;
    private final Ledger ledger;
    private final ManagedExecutor executor;

    public WarehouseJobs(JobService jobs, Warehouse warehouse, SchemaService schema, TransformService transform,
            SourceService sources, Event<WarehouseChanged> changed, MeterRegistry meters, SparkifyConfig config,
            Ledger ledger, ManagedExecutor executor) {
        this.executor = executor;
        this.config = config;
        this.ledger = ledger;
        this.jobs = jobs;
        this.warehouse = warehouse;
        this.schema = schema;
        this.transform = transform;
        this.sources = sources;
        this.changed = changed;
        this.meters = meters;
    }

    /** Queues a reset of every staging and star table. */
    public JobRecord reset() {
        return jobs.submit(JobType.SCHEMA_RESET, null, job -> explained(() -> {
            job.tableCounts(schema.reset(job));
            changed.fire(new WarehouseChanged(job.id()));
        }));
    }

    /** Queues an ETL run a client asked for (see {@link #startEtl(EtlRequest, Trigger)}). */
    public JobRecord startEtl(EtlRequest request) {
        return startEtl(request, Trigger.API);
    }

    /**
     * Queues an ETL run from the configured sources, overridden by the request where it says so, in the
     * request's mode or else {@code sparkify.etl.default-mode}, recording what started it.
     */
    public JobRecord startEtl(EtlRequest request, Trigger trigger) {
        EtlRequest r = request == null ? EtlRequest.DEFAULTS : request;
        EtlMode mode = mode(r.mode());
        EtlSources etlSources;
        try {
            etlSources = sources.resolve(r.songData(), r.logData(), r.logJsonPaths());
        } catch (InvalidSourceException e) {
            throw new InvalidEtlRequestException(e.field(), e.getMessage());
        }
        return jobs.submit(JobType.ETL_RUN, etlSources.describe(), mode, trigger,
                job -> explained(() -> runEtl(etlSources, mode, job)));
    }

    /**
     * Why a run in this mode cannot run on this engine as configured (what to set), or empty when it can.
     */
    public Optional<String> unavailable(EtlMode mode) {
        return mode == EtlMode.INCREMENTAL ? warehouse.incrementalUnavailable() : Optional.empty();
    }

    /** Whether the warehouse has its tables, i.e. a schema reset has been done. */
    public boolean warehouseReset() throws SQLException {
        return schema.exists();
    }

    /** The request's mode, or the configured default; one this engine cannot run is refused naming what to set. */
    EtlMode mode(String requested) {
        EtlMode mode;
        try {
            mode = EtlMode.parse(requested == null ? config.etl().defaultMode() : requested);
        } catch (IllegalArgumentException e) {
            throw new InvalidEtlModeException(e.getMessage()
                    + (requested == null ? " (sparkify.etl.default-mode, environment variable SPARKIFY_ETL_DEFAULT_MODE)" : ""));
        }
        unavailable(mode).ifPresent(why -> {
            throw new InvalidEtlModeException(why);
        });
        return mode;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs a job's work; a failure the engine can say better (a full disk, a memory limit) is said its way. */
    private void explained(Work work) throws Exception {
        try {
            work.run();
        } catch (JobCancelledException | LoadCancelledException e) {
            throw e;
        } catch (Exception e) {
            String explained = warehouse.explain(e);
            if (explained != null) {
                throw new JobFailure(explained, e);
            }
            throw e;
        }
    }

    /** Every warehouse table that exists, with its columns and row count. */
    public List<TableInfo> tables() throws SQLException {
        return schema.describe().stream().map(t -> new TableInfo(t.name(), t.kind(),
                t.columns().stream().map(c -> new TableInfo.Column(c.name(), c.type())).toList(), t.rows())).toList();
    }

    private void runEtl(EtlSources etlSources, EtlMode mode, Job job) throws Exception {
        if (!schema.exists()) {
            throw new JobFailure("the warehouse has no tables yet: POST /schema/reset first");
        }
        try {
            if (mode == EtlMode.INCREMENTAL) {
                if (!runIncremental(etlSources, job)) {
                    job.tableCounts(schema.counts());
                    return; // nothing new: nothing changed either
                }
            } else {
                runFull(etlSources, job);
            }
        } catch (ChecksFailed e) {
            job.checks(e.checks());
            throw e;
        } finally {
            record(job);
        }
        job.tableCounts(schema.counts());
        changed.fire(new WarehouseChanged(job.id()));
    }

    /** Stages every object, then replaces the star schema and rebuilds the ledger in one transaction. */
    private void runFull(EtlSources etlSources, Job job) throws Exception {
        if (!ledger.exists()) {
            ledger.create(); // a warehouse reset before the ledger existed
        }
        // Staging's share of the percent grows with the bytes read, the transform takes the rest.
        List<Listed> walked = List.of(beforeWalk(Tables.STAGING_SONGS, etlSources.songData()),
                beforeWalk(Tables.STAGING_EVENTS, etlSources.logData()));
        job.progress().phase(0, 90);
        StagingReport report = warehouse.stage(etlSources, job);
        job.progress().phase(90, 90);
        job.checks(transform.transform(job, job.id(), ledgerEntries(job, etlSources, report, Instant.now())));
        committed(walked);
    }

    /**
     * A location a run lists, and what it read of it: a watched folder's journal or a whole listing
     * ({@code mark} null for S3, which is not watched).
     */
    private record Listed(String stagingTable, SourceLocation location, ChangeJournal.Mark mark) {
    }

    /** What an incremental run loads of one location, and whether the folder's journal found it. */
    private record Found(IncrementalPlan plan, Listed listed, boolean watched) {
    }

    /** A run about to list a local location whole: what its walk saw becomes the folder's baseline once it commits. */
    private Listed beforeWalk(String stagingTable, SourceLocation location) {
        return new Listed(stagingTable, location,
                location instanceof SourceLocation.Local local ? sources.journal().beforeWalk(local.path()) : null);
    }

    /** The run committed what it found: the ledger's state now is what each watched folder's journal goes on from. */
    private void committed(List<Listed> listed) {
        for (Listed f : listed) {
            if (f.mark() != null) {
                try {
                    f.mark().committed(ledger.state(f.stagingTable(), f.location().toString()));
                } catch (SQLException e) {
                    // the folder's next run lists it whole
                }
            }
        }
    }

    /**
     * Lists the sources, stages only what the ledger does not hold as loaded, and merges it. Returns false,
     * having changed nothing, when there was nothing new.
     */
    private boolean runIncremental(EtlSources etlSources, Job job) throws Exception {
        if (!ledger.exists()) {
            throw new JobFailure("the warehouse has no ledger of loaded objects yet (it was reset before incremental "
                    + "runs existed): run a full load (\"mode\": \"full\") or POST /schema/reset first");
        }
        WorkListener.Step finding = job.step("find_new_objects");
        Found songsFound = find(Tables.STAGING_SONGS, etlSources.songData());
        Found logsFound = find(Tables.STAGING_EVENTS, etlSources.logData());
        IncrementalPlan songs = songsFound.plan();
        IncrementalPlan logs = logsFound.plan();
        finding.succeed((long) (songs.selected().objects().size() + logs.selected().objects().size()));
        job.detail("incremental", describe("song", songs) + "; " + describe("log", logs));
        job.detail("found", "song objects " + how(songsFound) + "; log objects " + how(logsFound));
        if (songs.isEmpty() && logs.isEmpty()) {
            job.step("nothing_new").succeed(0L);
            committed(List.of(songsFound.listed(), logsFound.listed()));
            return false;
        }
        job.progress().phase(0, 90);
        StagingReport report = warehouse.stage(etlSources.selecting(songs.selected(), logs.selected()), job);
        job.progress().phase(90, 90);
        List<TransformService.Replaced> replaced = new ArrayList<>(songs.replaced());
        replaced.addAll(logs.replaced());
        job.checks(transform.merge(job, job.id(), replaced, ledgerEntries(job, etlSources, report, Instant.now())));
        committed(List.of(songsFound.listed(), logsFound.listed()));
        return true;
    }

    private static String how(Found found) {
        return found.watched() ? "from the files the folder's watch saw change since the last run"
                : "by listing every object";
    }

    /**
     * What of {@code location} the ledger does not hold as loaded: from a watched folder's journal of changes
     * when it goes on from the ledger as it is, else from a whole listing. A changed object's plan needs the
     * objects loaded with it, which only a whole listing shows.
     */
    private Found find(String stagingTable, SourceLocation location) throws Exception {
        if (location instanceof SourceLocation.Local local) {
            String source = location.toString();
            Optional<ChangeJournal.Changes> changes = sources.journal().changes(local.path(),
                    ledger.state(stagingTable, source));
            if (changes.isPresent()) {
                ChangeJournal.Changes c = changes.get();
                Map<String, Ledger.Loaded> loaded = ledger.versions(stagingTable, source,
                        c.objects().stream().map(SourceObject::key).toList());
                if (c.objects().stream().noneMatch(o -> loaded.containsKey(o.key())
                        && IncrementalPlan.changed(loaded.get(o.key()), o))) {
                    IncrementalPlan plan = IncrementalPlan.of(stagingTable, location,
                            new ObjectSource.Listing(c.objects(), c.others()), loaded, () -> ledger.entries(stagingTable));
                    return new Found(plan, new Listed(stagingTable, location, c.mark()), true);
                }
            }
        }
        Listed walking = beforeWalk(stagingTable, location);
        return new Found(plan(stagingTable, location), walking, false);
    }

    /**
     * What of {@code location}'s listing the ledger does not hold as loaded. The ledger is read on its own
     * thread while the source is listed: both take time in proportion to the objects, and neither needs the other.
     */
    private IncrementalPlan plan(String stagingTable, SourceLocation location) throws Exception {
        CompletableFuture<Map<String, Ledger.Loaded>> reading = executor.supplyAsync(() -> {
            try {
                return ledger.versions(stagingTable, location.toString());
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        ObjectSource.Listing listing = list(location);
        Map<String, Ledger.Loaded> loaded;
        try {
            loaded = reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return IncrementalPlan.of(stagingTable, location, listing, loaded, () -> ledger.entries(stagingTable));
    }

    /**
     * The ledger's entries for what the job's load listed, loaded at {@code at}. Rows are the table's when
     * the load staged a single object into it, the only case where the engine's count is the object's.
     */
    private static List<Ledger.Entry> ledgerEntries(Job job, EtlSources sources, StagingReport report, Instant at) {
        List<Ledger.Entry> entries = new ArrayList<>();
        List<Job.Listing> listings = job.listings();
        // A location may be listed in several pages: the table's rows are one object's only when the
        // location's pages hold one object in all.
        Map<SourceLocation, Integer> objects = new HashMap<>();
        listings.forEach(l -> objects.merge(l.location(), l.objects().size(), Integer::sum));
        for (Job.Listing l : listings) {
            String table = l.location().equals(sources.songData()) ? Tables.STAGING_SONGS
                    : l.location().equals(sources.logData()) ? Tables.STAGING_EVENTS : null;
            if (table == null) {
                continue;
            }
            Long single = objects.get(l.location()) == 1 ? report.rows().get(table) : null;
            for (SourceObject o : l.objects()) {
                entries.add(new Ledger.Entry(l.location().toString(), table, o.key(), o.size(), o.version(), single,
                        job.id(), at));
            }
        }
        return entries;
    }

    private static String describe(String kind, IncrementalPlan plan) {
        int again = plan.selected().objects().size() - plan.newObjects() - plan.changedObjects();
        return plan.newObjects() + " new and " + plan.changedObjects() + " changed " + kind + " objects"
                + (again > 0 ? ", " + again + " loaded again with a changed one" : "");
    }

    /** A location's listing; as COPY does, a location without any object fails the run. */
    private ObjectSource.Listing list(SourceLocation location) {
        String where = location instanceof SourceLocation.S3 ? location + " at " + sources.s3Endpoint()
                : location.toString();
        ObjectSource.Listing listing;
        try {
            listing = sources.open(location).listing();
        } catch (IOException | RuntimeException e) {
            throw new JobFailure("cannot list " + where + ": " + e.getMessage(), e);
        }
        if (listing.objects().isEmpty()) {
            throw new JobFailure("no .json objects under " + where);
        }
        return listing;
    }

    /** One page of the ledger: objects whose key starts with {@code prefix}, by key. */
    public LedgerPage ledger(String prefix, int limit, int offset) throws SQLException {
        if (!ledger.exists()) {
            return new LedgerPage(List.of(), 0);
        }
        Ledger.Page page = ledger.list(prefix, limit, offset);
        return new LedgerPage(page.items().stream().map(e -> new LoadedObject(e.source(), e.key(), e.size(),
                e.version(), e.rows(), e.runId(), e.loadedAt())).toList(), page.total());
    }

    private void record(Job job) {
        JobRecord view = job.view();
        Map<String, Long> rows = view.progress().rowsStaged();
        rows.forEach((table, n) -> Counter.builder("sparkify.etl.rows.staged")
                .description("Rows staged by ETL runs, by staging table").tag("table", table).register(meters)
                .increment(n));
        Counter.builder("sparkify.etl.objects.read").description("Source objects read by ETL runs")
                .register(meters).increment(view.progress().objectsDone());
        Counter.builder("sparkify.etl.load.errors").description("Records ETL runs rejected as load errors")
                .register(meters).increment(view.loadErrorCount());
    }
}
