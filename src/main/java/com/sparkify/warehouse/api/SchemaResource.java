package com.sparkify.warehouse.api;

import java.sql.SQLException;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.sparkify.warehouse.run.TableInfo;
import com.sparkify.warehouse.run.WarehouseJobs;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The warehouse schema: reset it (asynchronously) and look at its tables.
 */
@Path("/schema")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schema", description = "Staging tables and the star schema")
public class SchemaResource {

    private final WarehouseJobs jobs;

    public SchemaResource(WarehouseJobs jobs) {
        this.jobs = jobs;
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/reset")
    @Operation(summary = "Drop and recreate every staging and star table",
            description = "Starts a SCHEMA_RESET job and returns at once; poll the Location header for its status. "
                    + "Job history is kept.")
    @APIResponse(responseCode = "202", description = "Reset queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "queued", value = Examples.RESET_QUEUED)))
    @APIResponse(responseCode = "409", description = "Another job is queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "conflict", value = Examples.CONFLICT)))
    public Response reset(@Context UriInfo uri) {
        JobView job = JobView.of(jobs.reset());
        return Response.accepted(job).location(Links.job(uri, job)).build();
    }

    @GET
    @Operation(summary = "List the warehouse tables with their columns and row counts",
            description = "Tables not yet created (before the first reset) are left out.")
    @APIResponse(responseCode = "200", description = "The tables",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TableInfo.class),
                    examples = @ExampleObject(name = "tables", value = Examples.TABLES)))
    public List<TableInfo> tables() throws SQLException {
        return jobs.tables();
    }
}
