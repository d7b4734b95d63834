package com.sparkify.warehouse.run;

/**
 * Thrown at a safe point of a job whose cancellation was requested.
 */
public class JobCancelledException extends RuntimeException {

    public JobCancelledException() {
        super("cancelled on request", null, false, false);
    }
}
