package com.sparkify.warehouse.infra;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redshift cluster that {@code POST /infra/cluster} creates and {@code DELETE /infra/cluster}
 * removes, with the IAM role COPY uses ({@code sparkify.infra.*}). AWS credentials come from the
 * default chain (environment, profile, instance role), never from here.
 */
@ConfigMapping(prefix = "sparkify.infra")
public interface InfraSettings {

    /** Cluster identifier, unique per account and region. */
    @WithDefault("sparkify-dwh")
    String clusterIdentifier();

    /** Node type, e.g. {@code dc2.large} or {@code ra3.xlplus}. */
    @WithDefault("dc2.large")
    String nodeType();

    /** Nodes in the cluster; 1 makes a single-node cluster. */
    @WithDefault("2")
    int numberOfNodes();

    /** Database created with the cluster. */
    @WithDefault("sparkify")
    String dbName();

    /** Admin user of the cluster (env {@code SPARKIFY_REDSHIFT_USER}). */
    @WithDefault("awsuser")
    String masterUsername();

    /**
     * Admin password (env {@code SPARKIFY_REDSHIFT_PASSWORD}): 8-64 characters with an upper-case
     * letter, a lower-case letter and a digit. Never logged, stored in a job or returned.
     */
    Optional<String> masterPassword();

    /** IAM role created (or reused) for COPY, trusted by Redshift, with AmazonS3ReadOnlyAccess. */
    @WithDefault("sparkify-redshift-s3-read")
    String iamRoleName();

    /** Region of the cluster. */
    @WithDefault("us-west-2")
    String region();

    /** Whether the cluster gets a public IP; the service must reach port 5439 either way. */
    @WithDefault("false")
    boolean publiclyAccessible();

    /** VPC security groups of the cluster (they decide who reaches port 5439); the default group when empty. */
    Optional<List<String>> vpcSecurityGroupIds();

    /** IAM endpoint instead of AWS's, e.g. a test stub. */
    Optional<URI> iamEndpoint();

    /** Redshift endpoint instead of AWS's, e.g. a test stub. */
    Optional<URI> redshiftEndpoint();

    /** Time between status checks while a cluster starts or goes away. */
    @WithDefault("15s")
    Duration pollInterval();

    /** How long to wait for a cluster to become available or be deleted before the job fails. */
    @WithDefault("30m")
    Duration timeout();

    /** Delete without a final snapshot; when false a snapshot {@code <cluster>-final-<time>} is kept. */
    @WithDefault("true")
    boolean skipFinalSnapshot();
}
