package com.sparkify.warehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * No span exporter unless an OTLP endpoint is configured. Quarkus's OTLP exporter would otherwise
 * send to its default endpoint on this host and log each failure; while any span exporter bean is
 * present Quarkus does not create its own, so this one, which drops every span, stands in until
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} (or {@code quarkus.otel.exporter.otlp.endpoint})
 * names a collector. Spans are still made, so log
 * lines carry trace ids either way.
 */
@ApplicationScoped
public class TraceExport {

    /** Quarkus's built-in default endpoint, which means "not configured" here. */
    static final String DEFAULT_ENDPOINT = "http://localhost:4317";

    @Produces
    @Singleton
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = DEFAULT_ENDPOINT,
            lookupIfMissing = true)
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = DEFAULT_ENDPOINT,
            lookupIfMissing = true)
    SpanExporter nowhere() {
        return SpanExporter.composite();
    }
}
