package com.sparkify.warehouse.run;

/** Fired on the job thread once a job's final status is saved, before the next job starts. */
public record JobFinished(JobRecord job) {
}
