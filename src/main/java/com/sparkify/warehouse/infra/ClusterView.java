package com.sparkify.warehouse.infra;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The Redshift warehouse as {@code GET /infra/cluster} shows it, a provisioned cluster or a Serverless
 * workgroup: where to connect and which role COPY uses. Never a password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Cluster", description = "The warehouse's Redshift cluster or Serverless workgroup")
public record ClusterView(
        @Schema(description = "provisioned (a cluster) or serverless (a workgroup in a namespace)",
                example = "provisioned") String kind,
        @Schema(description = "Cluster identifier, or workgroup name", example = "sparkify-dwh") String identifier,
        @Schema(description = "As AWS reports it: available, creating, ... for a cluster; AVAILABLE, CREATING, ... "
                + "for a workgroup", example = "available") String status,
        @Schema(example = "us-west-2") String region,
        @Schema(description = "Cluster only", example = "ra3.large") String nodeType,
        @Schema(description = "Cluster only", example = "2") Integer numberOfNodes,
        @Schema(description = "Serverless only", example = "sparkify") String namespace,
        @Schema(description = "Serverless only: base capacity in RPUs", example = "4") Integer baseCapacity,
        @Schema(example = "sparkify") String dbName,
        @Schema(example = "awsuser") String masterUsername,
        @Schema(example = "sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com") String endpoint,
        @Schema(example = "5439") Integer port,
        @Schema(description = "Set SPARKIFY_REDSHIFT_URL to this",
                example = "jdbc:redshift://sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify")
        String jdbcUrl,
        @Schema(description = "IAM roles attached to the cluster or namespace; set SPARKIFY_REDSHIFT_IAM_ROLE to the "
                + "one COPY uses", example = "[\"arn:aws:iam::123456789012:role/sparkify-redshift-s3-read\"]")
        List<String> iamRoles) {
}
