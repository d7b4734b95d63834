package com.sparkify.warehouse.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses query parameters that JAX-RS would otherwise turn into a bare 404 when malformed.
 */
final class Params {

    private Params() {
    }

    /** The enum constant named by {@code value} (any case), null when absent, 400 naming the parameter otherwise. */
    static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter(parameter, parameter + " must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
