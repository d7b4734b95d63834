package com.sparkify.warehouse.run;

/**
 * What a job does, run on the job thread with the job to report to.
 */
@FunctionalInterface
public interface JobWork {

    void run(Job job) throws Exception;
}
