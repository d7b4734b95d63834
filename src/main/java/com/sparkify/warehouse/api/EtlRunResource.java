package com.sparkify.warehouse.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.sparkify.warehouse.run.EtlRequest;
import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.WarehouseJobs;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ETL runs: start one, follow its progress, list the history, cancel.
 */
@Path("/etl/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ETL runs", description = "Stage raw JSON and transform it into the star schema")
public class EtlRunResource {

    private final WarehouseJobs warehouseJobs;
    private final JobService jobs;

    public EtlRunResource(WarehouseJobs warehouseJobs, JobService jobs) {
        this.warehouseJobs = warehouseJobs;
        this.jobs = jobs;
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Operation(summary = "Start an ETL run",
            description = "Stages song files and event logs, then replaces the star schema in one transaction "
                    + "after data-quality checks. Returns at once; poll the Location header.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = EtlRequest.class),
            examples = @ExampleObject(name = "local", value = Examples.ETL_REQUEST)))
    @APIResponse(responseCode = "202", description = "Run queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "running", value = Examples.ETL_RUNNING)))
    @APIResponse(responseCode = "400", description = "Invalid source or body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "outside roots", value = Examples.INVALID_SOURCE)))
    @APIResponse(responseCode = "409", description = "Another job is queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "conflict", value = Examples.CONFLICT)))
    public Response start(EtlRequest request, @Context UriInfo uri) {
        JobView job = JobView.of(warehouseJobs.startEtl(request));
        return Response.accepted(job).location(Links.job(uri, job)).build();
    }

    @GET
    @Operation(summary = "List ETL runs, newest first")
    @APIResponse(responseCode = "200", description = "The runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JobView.class),
                    examples = @ExampleObject(name = "history", value = Examples.JOB_LIST)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<JobView> list(
            @Parameter(description = "Only runs in this status: QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") @QueryParam("status") String status,
            @Parameter(description = "At most this many runs (1-1000)") @QueryParam("limit") @DefaultValue("20")
            @Min(1) @Max(1000) int limit) {
        return JobView.of(jobs.list(JobType.ETL_RUN, Params.enumValue("status", status, JobStatus.class), limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a run's status, progress, steps, load errors and checks")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "running", value = Examples.ETL_RUNNING)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@Parameter(description = "Run id") @PathParam("id") String id) {
        return run(id);
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a run", description = "A queued or running run ends CANCELLED at its next safe "
            + "point with the warehouse unchanged; a finished run is returned as it is.")
    @APIResponse(responseCode = "202", description = "Cancellation requested, or the run had already ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "cancelling", value = Examples.ETL_RUNNING)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = "Run id") @PathParam("id") String id, @Context UriInfo uri) {
        return cancel(id, uri);
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run (same as DELETE)")
    @APIResponse(responseCode = "202", description = "Cancellation requested, or the run had already ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "cancelling", value = Examples.ETL_RUNNING)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@Parameter(description = "Run id") @PathParam("id") String id, @Context UriInfo uri) {
        run(id);
        JobView job = jobs.cancel(id).map(JobView::of).orElseThrow(() -> ProblemException.notFound("no ETL run with id " + id));
        return Response.accepted(job).location(Links.job(uri, job)).build();
    }

    private JobView run(String id) {
        return jobs.find(id).filter(j -> j.type() == JobType.ETL_RUN).map(JobView::of)
                .orElseThrow(() -> ProblemException.notFound("no ETL run with id " + id));
    }
}
