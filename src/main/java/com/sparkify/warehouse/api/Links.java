package com.sparkify.warehouse.api;

import java.net.URI;

import jakarta.ws.rs.core.UriInfo;

import com.sparkify.warehouse.run.JobType;

/**
 * Status resource locations: ETL runs under {@code /etl/runs}, every other job under {@code /jobs}.
 */
final class Links {

    private Links() {
    }

    static URI job(UriInfo uri, JobView job) {
        String base = job.type() == JobType.ETL_RUN ? "etl/runs" : "jobs";
        return uri.getBaseUriBuilder().path(base).path(job.id()).build();
    }
}
