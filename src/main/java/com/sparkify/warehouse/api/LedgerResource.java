package com.sparkify.warehouse.api;

import java.sql.SQLException;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.sparkify.warehouse.run.LedgerPage;
import com.sparkify.warehouse.run.WarehouseJobs;

import io.quarkus.vertx.http.security.AuthorizationPolicy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ledger: which source objects the warehouse holds, and which run loaded each.
 */
@Path("/etl/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ETL runs", description = "Stage raw JSON and transform it into the star schema")
public class LedgerResource {

    private final WarehouseJobs warehouseJobs;

    public LedgerResource(WarehouseJobs warehouseJobs) {
        this.warehouseJobs = warehouseJobs;
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Operation(operationId = "listLedger", summary = "List the objects runs loaded",
            description = "Every source object the warehouse holds, by key: where it was listed, its size and ETag "
                    + "(or a local file's modification time) as loaded, the rows staged from it where the engine "
                    + "reports them, and the run that loaded it. An incremental run loads only objects not listed "
                    + "here or changed since; POST /schema/reset empties it and a full run rebuilds it. Empty on a "
                    + "warehouse never loaded.")
    @APIResponse(responseCode = "200", description = "One page of the ledger",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LedgerPage.class),
                    examples = @ExampleObject(name = "ledger", value = Examples.LEDGER)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LedgerPage list(
            @Parameter(description = "Only objects whose key starts with this, e.g. log_data/2018/11/")
            @QueryParam("prefix") @DefaultValue("") @Size(max = 1024) String prefix,
            @Parameter(description = "At most this many objects (1-1000)") @QueryParam("limit") @DefaultValue("100")
            @Min(1) @Max(1000) int limit,
            @Parameter(description = "Objects to skip, for the next page") @QueryParam("offset") @DefaultValue("0")
            @Min(0) @Max(100_000_000) int offset) throws SQLException {
        return warehouseJobs.ledger(prefix, limit, offset);
    }
}
