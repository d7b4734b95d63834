package com.sparkify.warehouse.infra;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A Redshift cluster as {@code GET /infra/cluster} shows it: where to connect and which role COPY
 * uses. Never a password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Cluster", description = "The warehouse's Redshift cluster")
public record ClusterView(
        @Schema(example = "sparkify-dwh") String identifier,
        @Schema(example = "available") String status,
        @Schema(example = "us-west-2") String region,
        @Schema(example = "dc2.large") String nodeType,
        @Schema(example = "2") Integer numberOfNodes,
        @Schema(example = "sparkify") String dbName,
        @Schema(example = "awsuser") String masterUsername,
        @Schema(example = "sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com") String endpoint,
        @Schema(example = "5439") Integer port,
        @Schema(description = "Set SPARKIFY_REDSHIFT_URL to this",
                example = "jdbc:redshift://sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify")
        String jdbcUrl,
        @Schema(description = "IAM roles attached to the cluster; set SPARKIFY_REDSHIFT_IAM_ROLE to the one COPY uses",
                example = "[\"arn:aws:iam::123456789012:role/sparkify-redshift-s3-read\"]")
        List<String> iamRoles) {
}
