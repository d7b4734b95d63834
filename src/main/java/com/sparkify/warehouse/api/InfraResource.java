package com.sparkify.warehouse.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.sparkify.warehouse.infra.ClusterService;
import com.sparkify.warehouse.infra.ClusterView;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Admin operations on the Redshift cluster (the seed's launch and delete steps). Protected: bearer-token
 * authentication for these endpoints comes with the auth issue.
 */
@Path("/infra/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Infrastructure", description = "Admin (protected): create, inspect and delete the Redshift cluster")
public class InfraResource {

    private final ClusterService clusters;

    public InfraResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Operation(summary = "Create the Redshift cluster and its S3-read IAM role (admin, protected)",
            description = "Starts a CLUSTER_CREATE job and returns at once; poll the Location header. The job "
                    + "creates or reuses the IAM role, creates or reuses the cluster and waits until it is "
                    + "available; its details then hold endpoint, jdbc_url and role_arn.")
    @APIResponse(responseCode = "202", description = "Creation queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "queued", value = Examples.CLUSTER_CREATE_QUEUED)))
    @APIResponse(responseCode = "409", description = "Another job is queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Context UriInfo uri) {
        JobView job = JobView.of(clusters.create());
        return Response.accepted(job).location(Links.job(uri, job)).build();
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Operation(summary = "Describe the Redshift cluster (admin, protected)",
            description = "Status, endpoint, JDBC URL and IAM roles as AWS reports them now.")
    @APIResponse(responseCode = "200", description = "The cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "404", description = "No such cluster",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "AWS refused or could not be reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClusterView get() {
        return clusters.describe().orElseThrow(() -> ProblemException.notFound(
                "no Redshift cluster " + clusters.clusterIdentifier() + ": POST /infra/cluster creates it"));
    }

    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @DELETE
    @Operation(summary = "Delete the Redshift cluster and the IAM role this service created (admin, protected)",
            description = "Starts a CLUSTER_DELETE job and returns at once; poll the Location header. No final "
                    + "snapshot unless sparkify.infra.skip-final-snapshot=false.")
    @APIResponse(responseCode = "202", description = "Deletion queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "Another job is queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Context UriInfo uri) {
        JobView job = JobView.of(clusters.delete());
        return Response.accepted(job).location(Links.job(uri, job)).build();
    }

    /** AWS errors of the synchronous describe: the service is fine, its upstream is not. */
    @ServerExceptionMapper
    public Response aws(SdkException e, UriInfo uri) {
        String detail = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage() + " (" + aws.awsErrorDetails().errorCode() + ")"
                : e.getMessage();
        Problem problem = Problem.of(502, "aws-error", "AWS request failed", "describing the cluster failed: " + detail)
                .withInstance(uri.getPath());
        return Response.status(502).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
