package com.sparkify.warehouse.infra;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobView;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.RedshiftClientBuilder;

/**
 * The cluster lifecycle behind {@code /infra/cluster}: create and delete run as jobs in the shared
 * registry (one job at a time, like resets and ETL runs); describe answers at once. Owns the AWS clients.
 */
@ApplicationScoped
public class ClusterService {

    private final JobService jobs;
    private final InfraSettings settings;
    private final AwsCredentialsProvider credentials;
    private volatile Clients clients;

    private record Clients(IamClient iam, RedshiftClient redshift, ClusterManager manager) {
    }

    public ClusterService(JobService jobs, InfraSettings settings, AwsCredentialsProvider credentials) {
        this.jobs = jobs;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** Queues a CLUSTER_CREATE job. */
    public JobView create() {
        return jobs.submit(JobType.CLUSTER_CREATE, null, job -> manager().create(job));
    }

    /** Queues a CLUSTER_DELETE job. */
    public JobView delete() {
        return jobs.submit(JobType.CLUSTER_DELETE, null, job -> manager().delete(job));
    }

    /** The configured cluster as AWS reports it now; empty when it does not exist. */
    public Optional<ClusterView> describe() {
        return manager().describe();
    }

    /** Which cluster this service manages, for messages. */
    public String clusterIdentifier() {
        return settings.clusterIdentifier() + " in " + settings.region();
    }

    private ClusterManager manager() {
        Clients c = clients;
        if (c == null) {
            synchronized (this) {
                if (clients == null) {
                    clients = build();
                }
                c = clients;
            }
        }
        return c.manager();
    }

    private Clients build() {
        Region region = Region.of(settings.region());
        // IAM is global: its endpoint lives in the partition's global region.
        Region iamRegion = settings.region().startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : settings.region().startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        IamClientBuilder iam = IamClient.builder().region(iamRegion).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.iamEndpoint().ifPresent(iam::endpointOverride);
        RedshiftClientBuilder redshift = RedshiftClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.redshiftEndpoint().ifPresent(redshift::endpointOverride);
        IamClient iamClient = iam.build();
        RedshiftClient redshiftClient = redshift.build();
        return new Clients(iamClient, redshiftClient, new ClusterManager(settings, iamClient, redshiftClient,
                ClusterManager.Pause.SLEEP, Clock.systemUTC()));
    }

    @PreDestroy
    void close() {
        Clients c = clients;
        if (c != null) {
            c.iam().close();
            c.redshift().close();
        }
    }
}
