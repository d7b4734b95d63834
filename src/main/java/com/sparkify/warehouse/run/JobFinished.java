package com.sparkify.warehouse.run;

import java.util.function.BiConsumer;

/**
 * Fired on the job thread once a job's final status is saved, before the next job starts. Observers may
 * add details to the finished job's record (the upkeep's outcome); its status never changes.
 */
public record JobFinished(JobRecord job, BiConsumer<String, String> details) {

    public JobFinished(JobRecord job) {
        this(job, (key, value) -> {
        });
    }

    /** Adds a detail to the finished job, saved with it. */
    public void detail(String key, String value) {
        details.accept(key, value);
    }
}
