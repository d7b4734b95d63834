package com.sparkify.warehouse.config;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Gives a console line its {@code traceId=} field only when it has a trace id: Quarkus puts the current
 * span's id in the MDC as {@code traceId}, and JBoss LogManager's format has no conditional, so
 * {@code traceId=%X{traceId}} printed an empty field on every line outside a request or a job. The
 * format prints {@code %X{traceField}}, which this filter sets; it lets every record through.
 */
@LoggingFilter(name = "trace-field")
public final class TraceIdLogField implements Filter {

    /** The MDC key Quarkus' OpenTelemetry sets while a span is current. */
    static final String TRACE_ID = "traceId";
    /** The MDC key the console format prints: {@code traceId=<id> } or nothing. */
    static final String FIELD = "traceField";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String id = ext.getMdc(TRACE_ID);
            if (id != null && !id.isEmpty()) {
                ext.putMdc(FIELD, TRACE_ID + "=" + id + " ");
            }
        }
        return true;
    }
}
