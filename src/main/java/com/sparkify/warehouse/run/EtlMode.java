package com.sparkify.warehouse.run;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an ETL run loads: {@code full} replaces the star schema from every object of the sources;
 * {@code incremental} stages only the objects the ledger has not recorded as loaded (new, or changed
 * since) and merges them into the star schema. JSON and settings spell them in lower case.
 */
public enum EtlMode {
    FULL,
    INCREMENTAL;

    /** {@code full} or {@code incremental}, as in requests, settings and a run's JSON. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode a request names, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values when it is neither
     */
    @JsonCreator
    public static EtlMode parse(String value) {
        if (value != null) {
            for (EtlMode mode : values()) {
                if (mode.value().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("must be \"full\" or \"incremental\", not \"" + value + "\"");
    }
}
