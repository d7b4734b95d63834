package com.sparkify.warehouse.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.sparkify.warehouse.run.EtlSchedule;

import io.quarkus.vertx.http.security.AuthorizationPolicy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ETL schedule: when the service starts a run by itself, and what its firings did.
 */
@Path("/etl/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ETL runs", description = "Stage raw JSON and transform it into the star schema")
public class ScheduleResource {

    private final EtlSchedule schedule;

    public ScheduleResource(EtlSchedule schedule) {
        this.schedule = schedule;
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Operation(operationId = "getEtlSchedule", summary = "Get the ETL schedule",
            description = "The cron expression of sparkify.etl.schedule, the mode of scheduled runs, when the next "
                    + "firing is, what the last one did, and how many firings were skipped by reason since the service "
                    + "started. A scheduled run is an ordinary run whose trigger is \"schedule\". Without a schedule, "
                    + "enabled is false and note says what to set.")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleView.class),
                    examples = { @ExampleObject(name = "scheduled", value = Examples.SCHEDULE),
                            @ExampleObject(name = "none", value = Examples.NO_SCHEDULE) }))
    public ScheduleView get() {
        return ScheduleView.of(schedule.state());
    }
}
