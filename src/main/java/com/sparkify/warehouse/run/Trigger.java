package com.sparkify.warehouse.run;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What started a job: a client's request, or the configured schedule ({@code sparkify.etl.schedule}).
 */
public enum Trigger {
    API, SCHEDULE;

    /** The JSON form, {@code "api"} or {@code "schedule"}. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
