package com.sparkify.warehouse.run;

/**
 * An ETL run was asked for with a source location that cannot be used; names the request field at fault.
 */
public class InvalidEtlRequestException extends RuntimeException {

    private final String field;

    public InvalidEtlRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, e.g. {@code logData}. */
    public String field() {
        return field;
    }
}
