package com.sparkify.warehouse.infra;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redshift warehouse that {@code POST /infra/cluster} creates and {@code DELETE /infra/cluster}
 * removes, a provisioned cluster or a Serverless namespace and workgroup, with the IAM role COPY uses
 * ({@code sparkify.infra.*}). AWS credentials come from the default chain (environment, profile,
 * instance role), never from here.
 */
@ConfigMapping(prefix = "sparkify.infra")
public interface InfraSettings {

    /** What {@code /infra/cluster} manages. */
    enum Kind {
        /** A provisioned cluster of RA3 nodes. */
        PROVISIONED,
        /** A Redshift Serverless namespace and workgroup. */
        SERVERLESS;

        /** The setting's spelling, e.g. {@code serverless}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code provisioned} (a cluster) or {@code serverless} (a namespace and a workgroup). */
    @WithDefault("provisioned")
    Kind kind();

    /** Cluster identifier, unique per account and region. */
    @WithDefault("sparkify-dwh")
    String clusterIdentifier();

    /** RA3 node type of a new cluster ({@link NodeTypes} lists the ones AWS provisions and their node counts). */
    @WithDefault("ra3.large")
    String nodeType();

    /** Nodes in a new cluster, within the node type's range; 1 makes a single-node cluster. */
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
     * letter, a lower-case letter and a digit. Never logged, stored in a job or returned. Required for a
     * cluster; without it a Serverless namespace gets an admin password that AWS keeps in Secrets Manager.
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

    /** Redshift Serverless endpoint instead of AWS's, e.g. a test stub. */
    Optional<URI> redshiftServerlessEndpoint();

    /** The Serverless namespace and workgroup ({@code kind=serverless}). */
    Serverless serverless();

    /** {@code sparkify.infra.serverless.*}: db-name, master-username and master-password apply as for a cluster. */
    interface Serverless {

        /** Namespace (database, admin user, IAM roles): 3-64 lower-case letters, digits and hyphens. */
        @WithDefault("sparkify")
        String namespace();

        /** Workgroup (compute, endpoint) in the namespace: 3-64 lower-case letters, digits and hyphens. */
        @WithDefault("sparkify")
        String workgroup();

        /** Base capacity in RPUs: 4, or a multiple of 8 from 8 to 512 (of 32 above 512, up to 1024). */
        @WithDefault("4")
        int baseCapacity();

        /** VPC subnets of the workgroup; the default VPC's when empty. */
        Optional<List<String>> subnetIds();

        /** VPC security groups of the workgroup (they decide who reaches port 5439); the default group when empty. */
        Optional<List<String>> securityGroupIds();
    }

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
