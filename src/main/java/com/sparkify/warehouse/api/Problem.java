package com.sparkify.warehouse.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 7807 problem detail. {@code type} is stable and names the kind of problem; extension members
 * say which parameter, field or job it is about.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 7807 problem detail (application/problem+json)")
public record Problem(
        @Schema(example = "urn:sparkify:problem:job-conflict") String type,
        @Schema(example = "Another job is running") String title,
        @Schema(example = "409") int status,
        @Schema(example = "job 2f9d0c53-6a43-4c4e-9a59-3e5f2a7d5b11 (ETL_RUN) is RUNNING") String detail,
        @Schema(example = "/schema/reset") String instance,
        @Schema(description = "The query parameter or body field at fault", example = "limit") String parameter,
        @Schema(description = "The job the problem is about") String jobId,
        @Schema(description = "Status resource of that job") String location) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:sparkify:problem:";

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, null, null, null);
    }

    Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, parameter, jobId, location);
    }

    Problem withParameter(String name) {
        return new Problem(type, title, status, detail, instance, name, jobId, location);
    }

    Problem withJob(String id, String statusLocation) {
        return new Problem(type, title, status, detail, instance, parameter, id, statusLocation);
    }
}
