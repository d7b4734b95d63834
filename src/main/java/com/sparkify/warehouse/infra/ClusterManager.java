package com.sparkify.warehouse.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.RedshiftClientBuilder;
import software.amazon.awssdk.services.redshift.model.Cluster;
import software.amazon.awssdk.services.redshift.model.ClusterAlreadyExistsException;
import software.amazon.awssdk.services.redshift.model.ClusterIamRole;
import software.amazon.awssdk.services.redshift.model.ClusterNotFoundException;
import software.amazon.awssdk.services.redshift.model.CreateClusterRequest;
import software.amazon.awssdk.services.redshift.model.DeleteClusterRequest;

/**
 * The seed's "launch a cluster with an IAM role that can read S3 ... delete your cluster when
 * finished", as job work: IAM role and Redshift cluster created or reused, waited for, and removed.
 *
 * <p>Only a role this service created is deleted again ({@link ServiceRole}); a role that already existed
 * is reused and left alone. Waiting is plain polling of DescribeClusters, so a status
 * that can never become {@code available} fails the job at once instead of running into the timeout.
 */
public final class ClusterManager implements WarehouseLifecycle {

    private static final Logger LOG = Logger.getLogger(ClusterManager.class);

    /** Statuses from which a new cluster never becomes available. */
    static final Set<String> FAILED_STATUSES = Set.of("incompatible-hsm", "incompatible-network",
            "incompatible-parameters", "incompatible-restore", "hardware-failure", "storage-full", "deleting",
            "final-snapshot");
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** Waits between two status checks; returns early when the job is cancelled. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration, Job job) throws InterruptedException;

        /** Sleeps in short slices so a cancellation is seen within half a second. */
        Pause SLEEP = (duration, job) -> {
            long end = System.nanoTime() + duration.toNanos();
            long left;
            while ((left = end - System.nanoTime()) > 0 && !job.isCancelRequested()) {
                Thread.sleep(Math.max(1, Math.min(500, left / 1_000_000)));
            }
        };
    }

    private final InfraSettings settings;
    private final IamClient iam;
    private final ServiceRole role;
    private final RedshiftClient redshift;
    private final Pause pause;
    private final Clock clock;

    ClusterManager(InfraSettings settings, IamClient iam, RedshiftClient redshift, Pause pause, Clock clock) {
        this.settings = settings;
        this.iam = iam;
        this.role = new ServiceRole(iam, settings);
        this.redshift = redshift;
        this.pause = pause;
        this.clock = clock;
    }

    /** A manager with its own IAM and Redshift clients for the settings' region and endpoints. */
    public static ClusterManager connect(InfraSettings settings, AwsCredentialsProvider credentials, Pause pause,
            Clock clock) {
        String region = settings.region();
        RedshiftClientBuilder redshift = RedshiftClient.builder().region(Region.of(region))
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder());
        settings.redshiftEndpoint().ifPresent(redshift::endpointOverride);
        return new ClusterManager(settings, iamClient(settings, credentials), redshift.build(), pause, clock);
    }

    /** An IAM client for the settings' partition. */
    static IamClient iamClient(InfraSettings settings, AwsCredentialsProvider credentials) {
        String region = settings.region();
        // IAM is global: its endpoint lives in the partition's global region.
        Region iamRegion = region.startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : region.startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        IamClientBuilder iam = IamClient.builder().region(iamRegion).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.iamEndpoint().ifPresent(iam::endpointOverride);
        return iam.build();
    }

    @Override
    public void close() {
        iam.close();
        redshift.close();
    }

    /** Creates (or reuses) the role and the cluster and waits until the cluster is available. */
    @Override
    public void create(Job job) throws InterruptedException {
        try {
            NodeTypes.checkCluster(settings.nodeType(), settings.numberOfNodes());
        } catch (InvalidInfraSettingException e) {
            throw new JobFailure(e.getMessage());
        }
        String password = ServiceRole.checkPassword(settings.masterPassword()).orElseThrow(() -> new JobFailure(
                "no master password: set SPARKIFY_REDSHIFT_PASSWORD (sparkify.infra.master-password) before "
                        + "POST /infra/cluster"));
        describeJob(job);

        String roleArn = WarehouseLifecycle.roleStep(job, role);
        WarehouseLifecycle.step(job, "create_cluster", () -> {
            ensureCluster(roleArn, password, job);
        });
        Cluster cluster = WarehouseLifecycle.step(job, "wait_available", () -> {
            Cluster available = awaitAvailable(job);
            job.detail("endpoint", available.endpoint().address() + ":" + available.endpoint().port());
            job.detail("jdbc_url", jdbcUrl(available));
            return available;
        });
        LOG.infof("Redshift cluster %s is available at %s", settings.clusterIdentifier(),
                cluster.endpoint().address());
    }

    /** Deletes the cluster (final snapshot only if configured), waits until it is gone, then the role. */
    @Override
    public void delete(Job job) throws InterruptedException {
        describeJob(job);
        boolean exists = WarehouseLifecycle.step(job, "delete_cluster", () -> requestDeletion(job));
        if (exists) {
            WarehouseLifecycle.step(job, "wait_deleted", () -> {
                awaitDeleted(job);
            });
        }
        WarehouseLifecycle.step(job, "delete_role", () -> {
            role.delete(job);
        });
    }

    /** The cluster as it is now, or empty when it does not exist. */
    @Override
    public Optional<ClusterView> describe() {
        return find().map(this::view);
    }

    private void describeJob(Job job) {
        job.detail("kind", InfraSettings.Kind.PROVISIONED.label());
        job.detail("cluster_identifier", settings.clusterIdentifier());
        job.detail("region", settings.region());
        job.detail("role_name", settings.iamRoleName());
    }

    private void ensureCluster(String roleArn, String password, Job job) {
        String id = settings.clusterIdentifier();
        try {
            Optional<Cluster> existing = find();
            if (existing.isPresent()) {
                Cluster cluster = existing.get();
                String status = cluster.clusterStatus();
                if ("deleting".equals(status) || "final-snapshot".equals(status)) {
                    throw new JobFailure("cluster " + id + " is being deleted (" + status + "): wait for the "
                            + "deletion to finish, then create it again");
                }
                job.detail("cluster", "reused");
                job.detail("cluster_status", status);
                boolean hasRole = cluster.iamRoles().stream().map(ClusterIamRole::iamRoleArn)
                        .anyMatch(roleArn::equals);
                if (!hasRole) {
                    redshift.modifyClusterIamRoles(r -> r.clusterIdentifier(id).addIamRoles(roleArn));
                }
                return;
            }
            CreateClusterRequest.Builder request = CreateClusterRequest.builder()
                    .clusterIdentifier(id)
                    .nodeType(settings.nodeType())
                    .dbName(settings.dbName())
                    .masterUsername(settings.masterUsername())
                    .masterUserPassword(password)
                    .iamRoles(roleArn)
                    .publiclyAccessible(settings.publiclyAccessible());
            if (settings.numberOfNodes() > 1) {
                request.clusterType("multi-node").numberOfNodes(settings.numberOfNodes());
            } else {
                request.clusterType("single-node");
            }
            settings.vpcSecurityGroupIds().filter(ids -> !ids.isEmpty()).ifPresent(request::vpcSecurityGroupIds);
            try {
                Cluster created = redshift.createCluster(request.build()).cluster();
                job.detail("cluster", "created");
                job.detail("cluster_status", created == null ? "creating" : created.clusterStatus());
            } catch (ClusterAlreadyExistsException e) {
                // created meanwhile by someone else: wait for it like for our own
                job.detail("cluster", "reused");
            }
        } catch (SdkException e) {
            throw ServiceRole.awsFailure("creating cluster " + id, e);
        }
    }

    private Cluster awaitAvailable(Job job) throws InterruptedException {
        String id = settings.clusterIdentifier();
        Instant deadline = clock.instant().plus(settings.timeout());
        String status = "unknown";
        while (true) {
            Optional<Cluster> found;
            try {
                found = find();
            } catch (SdkException e) {
                throw ServiceRole.awsFailure("checking cluster " + id, e);
            }
            if (found.isEmpty()) {
                throw new JobFailure("cluster " + id + " disappeared while starting (last status: " + status + ")");
            }
            Cluster cluster = found.get();
            status = cluster.clusterStatus();
            statusChanged(job, status);
            if ("available".equals(status) && cluster.endpoint() != null) {
                return cluster;
            }
            if (FAILED_STATUSES.contains(status)) {
                throw new JobFailure("cluster " + id + " cannot become available: its status is " + status
                        + "; DELETE /infra/cluster removes it");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure("cluster " + id + " did not become available within "
                        + ServiceRole.human(settings.timeout())
                        + " (last status: " + status + "); it may still be starting, and it is billed while it "
                        + "exists: GET /infra/cluster follows it, DELETE /infra/cluster removes it");
            }
            job.checkCancelled();
            pause.pause(settings.pollInterval(), job);
            job.checkCancelled();
        }
    }

    /** Returns whether there was a cluster to delete. */
    private boolean requestDeletion(Job job) {
        String id = settings.clusterIdentifier();
        try {
            Optional<Cluster> existing = find();
            if (existing.isEmpty()) {
                return nothingToDelete(job);
            }
            String status = existing.get().clusterStatus();
            if (!"deleting".equals(status) && !"final-snapshot".equals(status)) {
                DeleteClusterRequest.Builder request = DeleteClusterRequest.builder().clusterIdentifier(id);
                if (settings.skipFinalSnapshot()) {
                    request.skipFinalClusterSnapshot(true);
                } else {
                    String snapshot = id + "-final-" + SNAPSHOT_TIME.format(clock.instant());
                    request.skipFinalClusterSnapshot(false).finalClusterSnapshotIdentifier(snapshot);
                    job.detail("final_snapshot", snapshot);
                }
                Cluster deleting = redshift.deleteCluster(request.build()).cluster();
                status = deleting == null ? "deleting" : deleting.clusterStatus();
            }
            statusChanged(job, status);
            return true;
        } catch (ClusterNotFoundException e) {
            return nothingToDelete(job);
        } catch (SdkException e) {
            throw ServiceRole.awsFailure("deleting cluster " + id, e);
        }
    }

    /** The cluster was already gone, whether the listing or the delete call said so. */
    private static boolean nothingToDelete(Job job) {
        job.detail("cluster", "not found");
        job.detail("cluster_status", "deleted");
        return false;
    }

    private void awaitDeleted(Job job) throws InterruptedException {
        String id = settings.clusterIdentifier();
        Instant deadline = clock.instant().plus(settings.timeout());
        while (true) {
            Optional<Cluster> found;
            try {
                found = find();
            } catch (SdkException e) {
                throw ServiceRole.awsFailure("checking cluster " + id, e);
            }
            if (found.isEmpty()) {
                job.detail("cluster", "deleted");
                statusChanged(job, "deleted");
                return;
            }
            String status = found.get().clusterStatus();
            statusChanged(job, status);
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure("cluster " + id + " was not deleted within "
                        + ServiceRole.human(settings.timeout())
                        + " (last status: " + status + "); the IAM role is kept: DELETE /infra/cluster again later");
            }
            job.checkCancelled();
            pause.pause(settings.pollInterval(), job);
            job.checkCancelled();
        }
    }

    private Optional<Cluster> find() {
        try {
            List<Cluster> clusters = redshift.describeClusters(r -> r.clusterIdentifier(settings.clusterIdentifier()))
                    .clusters();
            return clusters.stream().findFirst();
        } catch (ClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    private ClusterView view(Cluster c) {
        boolean hasEndpoint = c.endpoint() != null && c.endpoint().address() != null;
        return new ClusterView(InfraSettings.Kind.PROVISIONED.label(), c.clusterIdentifier(), c.clusterStatus(),
                settings.region(), c.nodeType(), c.numberOfNodes(), null, null, c.dbName(), c.masterUsername(),
                hasEndpoint ? c.endpoint().address() : null, hasEndpoint ? c.endpoint().port() : null,
                hasEndpoint ? jdbcUrl(c) : null,
                c.iamRoles().stream().map(ClusterIamRole::iamRoleArn).toList());
    }

    private static String jdbcUrl(Cluster c) {
        return "jdbc:redshift://" + c.endpoint().address() + ":" + c.endpoint().port() + "/" + c.dbName();
    }

    private static void statusChanged(Job job, String status) {
        String before = job.detail("cluster_status");
        job.detail("cluster_status", status);
        if (!status.equals(before)) {
            job.checkpoint();
        }
    }
}
