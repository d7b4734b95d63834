package com.sparkify.warehouse.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * OpenTelemetry spans for jobs: one span per job, a child span per step, with the job's id and type
 * and each step's rows as attributes. A job's span is a child of the request that submitted it, so a
 * {@code POST /etl/runs} and the run it started share one trace id, which the log lines carry.
 */
@ApplicationScoped
public class JobTracing {

    static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("sparkify.job.id");
    static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("sparkify.job.type");
    static final AttributeKey<String> JOB_STATUS = AttributeKey.stringKey("sparkify.job.status");
    static final AttributeKey<String> STEP_STATUS = AttributeKey.stringKey("sparkify.step.status");
    static final AttributeKey<Long> STEP_ROWS = AttributeKey.longKey("sparkify.step.rows");

    private final Tracer tracer;

    public JobTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** No spans: for a {@link JobService} built outside CDI. */
    static JobTracing off() {
        return new JobTracing(OpenTelemetry.noop().getTracer("sparkify"));
    }

    /** The trace of a job being submitted now, under the caller's span if there is one. */
    Trace submitted(String id, JobType type) {
        return new Trace(id, type, Context.current());
    }

    /** One job's spans. The job span starts when the job does, not when it is queued. */
    final class Trace {
        private final String id;
        private final JobType type;
        private final Context parent;
        private final Map<Object, Span> steps = new ConcurrentHashMap<>();
        private volatile Span job = Span.getInvalid();

        private Trace(String id, JobType type, Context parent) {
            this.id = id;
            this.type = type;
            this.parent = parent;
        }

        /** Starts the job's span and makes it current on this (the job's) thread until the scope closes. */
        Scope started() {
            job = tracer.spanBuilder("job " + type.name()).setParent(parent)
                    .setAttribute(JOB_ID, id).setAttribute(JOB_TYPE, type.name()).startSpan();
            return job.makeCurrent();
        }

        /** Starts a step's span; {@code step} is the key that ends it. Steps may start on loader threads. */
        void stepStarted(Object step, String name) {
            steps.put(step, tracer.spanBuilder(name).setParent(Context.root().with(job))
                    .setAttribute(JOB_ID, id).startSpan());
        }

        /** Ends a step's span with its outcome and, when it counts rows, how many it wrote. */
        void stepEnded(Object step, JobStatus status, Long rows) {
            Span span = steps.remove(step);
            if (span == null) {
                return;
            }
            span.setAttribute(STEP_STATUS, status.name());
            if (rows != null) {
                span.setAttribute(STEP_ROWS, rows);
            }
            if (status == JobStatus.FAILED) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }

        /** Ends the job's span with its final status and error, if any. */
        void ended(JobStatus status, String error) {
            job.setAttribute(JOB_STATUS, status.name());
            if (status == JobStatus.FAILED) {
                job.setStatus(StatusCode.ERROR, error == null ? "failed" : error);
            }
            job.end();
        }
    }
}
