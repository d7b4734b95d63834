package com.sparkify.warehouse.source;

/**
 * A source location that cannot be used, naming the request field it came from.
 */
public class InvalidSourceException extends RuntimeException {

    private final String field;

    public InvalidSourceException(String field, String value, String reason) {
        super(field + " '" + value + "': " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
