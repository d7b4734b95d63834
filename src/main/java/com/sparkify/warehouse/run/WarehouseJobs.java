package com.sparkify.warehouse.run;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.InvalidSourceException;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.ChecksFailed;
import com.sparkify.warehouse.warehouse.LoadCancelledException;
import com.sparkify.warehouse.warehouse.SchemaService;
import com.sparkify.warehouse.warehouse.TransformService;
import com.sparkify.warehouse.warehouse.Warehouse;
import com.sparkify.warehouse.warehouse.WarehouseChanged;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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

    public WarehouseJobs(JobService jobs, Warehouse warehouse, SchemaService schema, TransformService transform,
            SourceService sources, Event<WarehouseChanged> changed, MeterRegistry meters) {
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
     * Queues an ETL run from the configured sources, overridden by the request where it says so, recording
     * what started it.
     */
    public JobRecord startEtl(EtlRequest request, Trigger trigger) {
        EtlRequest r = request == null ? EtlRequest.DEFAULTS : request;
        EtlMode mode = mode(r);
        Optional<String> unavailable = unavailable(mode);
        if (unavailable.isPresent()) {
            throw new InvalidEtlRequestException("mode", unavailable.get());
        }
        EtlSources etlSources;
        try {
            etlSources = sources.resolve(r.songData(), r.logData(), r.logJsonPaths());
        } catch (InvalidSourceException e) {
            throw new InvalidEtlRequestException(e.field(), e.getMessage());
        }
        return jobs.submit(JobType.ETL_RUN, etlSources.describe(), mode, trigger,
                job -> explained(() -> runEtl(etlSources, job)));
    }

    /**
     * Why a run in this mode cannot run on this engine as configured (e.g. what to set), or empty when it can.
     */
    public Optional<String> unavailable(EtlMode mode) {
        return Optional.empty();
    }

    /** Whether the warehouse has its tables, i.e. a schema reset has been done. */
    public boolean warehouseReset() throws SQLException {
        return schema.exists();
    }

    /** The mode the request names, else the default. */
    private EtlMode mode(EtlRequest request) {
        EtlMode named = EtlMode.parse(request.mode());
        return named == null ? EtlMode.FULL : named;
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

    private void runEtl(EtlSources etlSources, Job job) throws Exception {
        if (!schema.exists()) {
            throw new JobFailure("the warehouse has no tables yet: POST /schema/reset first");
        }
        try {
            // Staging's share of the percent grows with the bytes read, the transform takes the rest.
            job.progress().phase(0, 90);
            warehouse.stage(etlSources, job);
            job.progress().phase(90, 90);
            job.checks(transform.transform(job));
        } catch (ChecksFailed e) {
            job.checks(e.checks());
            throw e;
        } finally {
            record(job);
        }
        job.tableCounts(schema.counts());
        changed.fire(new WarehouseChanged(job.id()));
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
