package com.sparkify.warehouse.run;

/**
 * Life cycle of a job: QUEUED, then RUNNING, then one of the three final states.
 */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job has ended and will not change again. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
