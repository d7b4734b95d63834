package com.sparkify.warehouse.run;

/**
 * A mutating job was requested while another is queued or running.
 */
public class JobConflictException extends RuntimeException {

    private final JobRecord active;

    public JobConflictException(JobRecord active) {
        super("job " + active.id() + " (" + active.type() + ") is " + active.status());
        this.active = active;
    }

    /** The job that holds the warehouse. */
    public JobRecord active() {
        return active;
    }
}
