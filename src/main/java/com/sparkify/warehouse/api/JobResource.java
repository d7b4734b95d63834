package com.sparkify.warehouse.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every job (resets, ETL runs, cluster operations) and its history.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Status and history of every job")
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "List jobs, newest first")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JobView.class),
                    examples = @ExampleObject(name = "history", value = Examples.JOB_LIST)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<JobView> list(
            @Parameter(description = "Only jobs of this type: SCHEMA_RESET, ETL_RUN, CLUSTER_CREATE or CLUSTER_DELETE") @QueryParam("type") String type,
            @Parameter(description = "Only jobs in this status: QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") @QueryParam("status") String status,
            @Parameter(description = "At most this many jobs (1-1000)") @QueryParam("limit") @DefaultValue("20")
            @Min(1) @Max(1000) int limit) {
        return JobView.of(jobs.list(Params.enumValue("type", type, JobType.class),
                Params.enumValue("status", status, JobStatus.class), limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a job's status")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "succeeded", value = Examples.RESET_SUCCEEDED)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@Parameter(description = "Job id") @PathParam("id") String id) {
        return jobs.find(id).map(JobView::of).orElseThrow(() -> ProblemException.notFound("no job with id " + id));
    }
}
