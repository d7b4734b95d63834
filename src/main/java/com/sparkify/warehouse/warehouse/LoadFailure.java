package com.sparkify.warehouse.warehouse;

/**
 * Warehouse work that failed for a reason the user can act on; the message is written for them and
 * becomes the job's {@code error}.
 */
public class LoadFailure extends RuntimeException {

    public LoadFailure(String message) {
        super(message);
    }

    public LoadFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
