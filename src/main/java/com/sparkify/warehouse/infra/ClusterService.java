package com.sparkify.warehouse.infra;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobRecord;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The cluster lifecycle behind {@code /infra/cluster}: create and delete run as jobs in the shared
 * registry (one job at a time, like resets and ETL runs); describe answers at once.
 */
@ApplicationScoped
public class ClusterService {

    private final JobService jobs;
    private final InfraSettings settings;
    private final AwsCredentialsProvider credentials;
    private volatile ClusterManager manager;

    public ClusterService(JobService jobs, InfraSettings settings, AwsCredentialsProvider credentials) {
        this.jobs = jobs;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** Queues a CLUSTER_CREATE job. */
    public JobRecord create() {
        return jobs.submit(JobType.CLUSTER_CREATE, null, job -> manager().create(job));
    }

    /** Queues a CLUSTER_DELETE job. */
    public JobRecord delete() {
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

    /** Built on first use: the embedded default never needs AWS clients. */
    private ClusterManager manager() {
        ClusterManager m = manager;
        if (m == null) {
            synchronized (this) {
                if (manager == null) {
                    manager = ClusterManager.connect(settings, credentials, ClusterManager.Pause.SLEEP,
                            Clock.systemUTC());
                }
                m = manager;
            }
        }
        return m;
    }

    @PreDestroy
    void close() {
        ClusterManager m = manager;
        if (m != null) {
            m.close();
        }
    }
}
