package com.sparkify.warehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.LoggingFilter;

/**
 * Console lines as the shipped format and filter print them: {@code traceId=<id>} on a line with a trace,
 * no {@code traceId=} field at all on a line without one.
 */
class TraceIdLogFieldTest {

    private static Properties shipped;

    @BeforeAll
    static void readShippedSettings() throws IOException {
        shipped = new Properties();
        try (InputStream in = TraceIdLogFieldTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            shipped.load(in);
        }
    }

    @Test
    void shouldBeTheFilterTheConsoleHandlerIsConfiguredWith() {
        assertThat(shipped.getProperty("quarkus.log.console.filter"))
                .isEqualTo(TraceIdLogField.class.getAnnotation(LoggingFilter.class).name());
    }

    @Test
    void shouldPrintTheTraceIdOfALineInASpan() {
        ExtLogRecord record = record("Job 42 (ETL_RUN) started");
        record.putMdc("traceId", "ca7e60eb5b47128a12c5ab9ac4556c01");

        assertThat(console(record)).endsWith(
                "INFO  [co.sp.wa.ru.JobService] (job-thread) traceId=ca7e60eb5b47128a12c5ab9ac4556c01 Job 42 (ETL_RUN) started\n");
    }

    @Test
    void shouldLeaveTheFieldOutOfALineOutsideASpan() {
        ExtLogRecord record = record("Job 42 (ETL_RUN) started");
        record.removeMdc("traceId");

        assertThat(console(record)).endsWith("INFO  [co.sp.wa.ru.JobService] (job-thread) Job 42 (ETL_RUN) started\n")
                .doesNotContain("traceId");
    }

    @Test
    void shouldLeaveTheFieldOutWhereTheTraceIdIsEmpty() {
        ExtLogRecord record = record("Listening on: http://0.0.0.0:8080");
        record.putMdc("traceId", "");

        assertThat(console(record)).endsWith("(job-thread) Listening on: http://0.0.0.0:8080\n")
                .doesNotContain("traceId");
    }

    private static ExtLogRecord record(String message) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, ExtLogRecord.FormatStyle.NO_FORMAT,
                TraceIdLogFieldTest.class.getName());
        record.setLoggerName("com.sparkify.warehouse.run.JobService");
        record.setThreadName("job-thread");
        return record;
    }

    /** The line the console handler writes: the filter sees the record first, then the shipped format. */
    private static String console(ExtLogRecord record) {
        assertThat(new TraceIdLogField().isLoggable(record)).isTrue();
        return new PatternFormatter(shipped.getProperty("quarkus.log.console.format")).format(record)
                .replace(System.lineSeparator(), "\n");
    }
}
