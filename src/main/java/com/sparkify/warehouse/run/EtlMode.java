package com.sparkify.warehouse.run;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an ETL run loads: everything again ({@code full}), or only the objects the ledger has not
 * recorded yet ({@code incremental}).
 */
public enum EtlMode {
    FULL, INCREMENTAL;

    /** The JSON form, {@code "full"} or {@code "incremental"}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a request or setting names (any case), or null when it names none. */
    public static EtlMode parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (EtlMode mode : values()) {
            if (mode.json().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new InvalidEtlRequestException("mode", "mode must be full or incremental, not \"" + value + "\"");
    }
}
