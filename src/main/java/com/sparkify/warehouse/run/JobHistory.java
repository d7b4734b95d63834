package com.sparkify.warehouse.run;

import java.util.Optional;

/** The finished jobs others may read, e.g. analytics asking which run loaded the tables it answers from. */
public interface JobHistory {

    /** The latest successful job of a type, e.g. the last ETL run. */
    Optional<JobRecord> lastSucceeded(JobType type);
}
