package com.sparkify.warehouse.infra;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobRecord;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The warehouse lifecycle behind {@code /infra/cluster}, for the configured kind (a provisioned
 * cluster or a Serverless workgroup): create and delete run as jobs in the shared registry (one job at
 * a time, like resets and ETL runs); describe answers at once.
 */
@ApplicationScoped
public class ClusterService {

    private static final Logger LOG = Logger.getLogger(ClusterService.class);

    private final JobService jobs;
    private final InfraSettings settings;
    private final AwsCredentialsProvider credentials;
    private WarehouseLifecycle cluster;
    private WarehouseLifecycle serverless;

    public ClusterService(JobService jobs, InfraSettings settings, AwsCredentialsProvider credentials) {
        this.jobs = jobs;
        this.settings = settings;
        this.credentials = credentials;
    }

    /**
     * Queues a CLUSTER_CREATE job, once the settings AWS would refuse are ruled out.
     *
     * @throws InvalidInfraSettingException naming the setting, before any AWS call
     */
    public JobRecord create() {
        NodeTypes.check(settings);
        WarehouseLifecycle lifecycle = configured();
        return jobs.submit(JobType.CLUSTER_CREATE, null, lifecycle::create);
    }

    /** Queues a CLUSTER_DELETE job. */
    public JobRecord delete() {
        WarehouseLifecycle lifecycle = configured();
        return jobs.submit(JobType.CLUSTER_DELETE, null, lifecycle::delete);
    }

    /**
     * The configured kind's cluster or workgroup as AWS reports it now; if it does not exist, the other
     * kind's (still billed while it exists); empty when neither does.
     */
    public Optional<ClusterView> describe() {
        Optional<ClusterView> configured = configured().describe();
        if (configured.isPresent()) {
            return configured;
        }
        try {
            return other().describe();
        } catch (SdkException e) {
            // The other kind is a courtesy: an identity without rights to it still learns about its own.
            LOG.infof("looking up the %s warehouse failed: %s", otherKind().label(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Which cluster or workgroup this service manages, for messages. */
    public String clusterIdentifier() {
        String name = settings.kind() == InfraSettings.Kind.SERVERLESS
                ? "workgroup " + settings.serverless().workgroup()
                : "cluster " + settings.clusterIdentifier();
        return name + " in " + settings.region();
    }

    private InfraSettings.Kind otherKind() {
        return settings.kind() == InfraSettings.Kind.SERVERLESS ? InfraSettings.Kind.PROVISIONED
                : InfraSettings.Kind.SERVERLESS;
    }

    private WarehouseLifecycle configured() {
        return lifecycle(settings.kind());
    }

    private WarehouseLifecycle other() {
        return lifecycle(otherKind());
    }

    /** Built on first use: the embedded default never needs AWS clients. */
    private synchronized WarehouseLifecycle lifecycle(InfraSettings.Kind kind) {
        if (kind == InfraSettings.Kind.SERVERLESS) {
            if (serverless == null) {
                serverless = ServerlessManager.connect(settings, credentials, ClusterManager.Pause.SLEEP,
                        Clock.systemUTC());
            }
            return serverless;
        }
        if (cluster == null) {
            cluster = ClusterManager.connect(settings, credentials, ClusterManager.Pause.SLEEP, Clock.systemUTC());
        }
        return cluster;
    }

    @PreDestroy
    synchronized void close() {
        if (cluster != null) {
            cluster.close();
        }
        if (serverless != null) {
            serverless.close();
        }
    }
}
