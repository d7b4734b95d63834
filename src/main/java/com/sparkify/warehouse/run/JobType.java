package com.sparkify.warehouse.run;

/**
 * What a job does. Every type mutates the warehouse or its infrastructure, so only one runs at a time.
 */
public enum JobType {
    SCHEMA_RESET, ETL_RUN, CLUSTER_CREATE, CLUSTER_DELETE
}
