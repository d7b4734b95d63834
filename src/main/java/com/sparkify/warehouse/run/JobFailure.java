package com.sparkify.warehouse.run;

/**
 * A job failure whose message is written for the user and shown as the job's {@code error}.
 */
public class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
