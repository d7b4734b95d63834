package com.sparkify.warehouse.infra;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
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
 * <p>Only a role this service created (tagged {@value #MANAGED_TAG_KEY}) is deleted again; a role that
 * already existed is reused and left alone. Waiting is plain polling of DescribeClusters, so a status
 * that can never become {@code available} fails the job at once instead of running into the timeout.
 */
public final class ClusterManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterManager.class);

    static final String MANAGED_TAG_KEY = "managed-by";
    static final String MANAGED_TAG_VALUE = "sparkify-warehouse";
    static final String TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"redshift.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
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
    private final RedshiftClient redshift;
    private final Pause pause;
    private final Clock clock;

    ClusterManager(InfraSettings settings, IamClient iam, RedshiftClient redshift, Pause pause, Clock clock) {
        this.settings = settings;
        this.iam = iam;
        this.redshift = redshift;
        this.pause = pause;
        this.clock = clock;
    }

    /** A manager with its own IAM and Redshift clients for the settings' region and endpoints. */
    public static ClusterManager connect(InfraSettings settings, AwsCredentialsProvider credentials, Pause pause,
            Clock clock) {
        String region = settings.region();
        // IAM is global: its endpoint lives in the partition's global region.
        Region iamRegion = region.startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : region.startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        IamClientBuilder iam = IamClient.builder().region(iamRegion).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.iamEndpoint().ifPresent(iam::endpointOverride);
        RedshiftClientBuilder redshift = RedshiftClient.builder().region(Region.of(region))
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder());
        settings.redshiftEndpoint().ifPresent(redshift::endpointOverride);
        return new ClusterManager(settings, iam.build(), redshift.build(), pause, clock);
    }

    @Override
    public void close() {
        iam.close();
        redshift.close();
    }

    /** Creates (or reuses) the role and the cluster and waits until the cluster is available. */
    public void create(Job job) throws InterruptedException {
        String password = checkPassword(settings.masterPassword());
        describeJob(job);

        Job.StepState roleStep = job.step("iam_role");
        String roleArn = ensureRole(job);
        job.detail("role_arn", roleArn);
        roleStep.succeed(null);
        job.checkpoint();

        Job.StepState clusterStep = job.step("create_cluster");
        ensureCluster(roleArn, password, job);
        clusterStep.succeed(null);
        job.checkpoint();

        Job.StepState waitStep = job.step("wait_available");
        Cluster cluster = awaitAvailable(job);
        job.detail("endpoint", cluster.endpoint().address() + ":" + cluster.endpoint().port());
        job.detail("jdbc_url", jdbcUrl(cluster));
        waitStep.succeed(null);
        LOG.infof("Redshift cluster %s is available at %s", settings.clusterIdentifier(),
                cluster.endpoint().address());
    }

    /** Deletes the cluster (final snapshot only if configured), waits until it is gone, then the role. */
    public void delete(Job job) throws InterruptedException {
        describeJob(job);
        Job.StepState deleteStep = job.step("delete_cluster");
        boolean exists = requestDeletion(job);
        deleteStep.succeed(null);
        job.checkpoint();
        if (exists) {
            Job.StepState waitStep = job.step("wait_deleted");
            awaitDeleted(job);
            waitStep.succeed(null);
            job.checkpoint();
        }
        Job.StepState roleStep = job.step("delete_role");
        deleteRole(job);
        roleStep.succeed(null);
    }

    /** The cluster as it is now, or empty when it does not exist. */
    public Optional<ClusterView> describe() {
        return find().map(this::view);
    }

    private void describeJob(Job job) {
        job.detail("cluster_identifier", settings.clusterIdentifier());
        job.detail("region", settings.region());
        job.detail("role_name", settings.iamRoleName());
    }

    private String ensureRole(Job job) {
        String name = settings.iamRoleName();
        try {
            Role role;
            try {
                role = iam.getRole(r -> r.roleName(name)).role();
                if (!trustsRedshift(role)) {
                    throw new JobFailure("IAM role " + name + " exists but Redshift cannot assume it (its trust "
                            + "policy does not name redshift.amazonaws.com): choose another "
                            + "sparkify.infra.iam-role-name or fix the role");
                }
                job.detail("role", "reused");
            } catch (NoSuchEntityException e) {
                role = iam.createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument(TRUST_POLICY)
                        .description("Lets Redshift COPY read S3 for the Sparkify warehouse")
                        .tags(Tag.builder().key(MANAGED_TAG_KEY).value(MANAGED_TAG_VALUE).build())).role();
                job.detail("role", "created");
            }
            // Attaching is idempotent, so a reused role gets the policy too.
            iam.attachRolePolicy(r -> r.roleName(name).policyArn(s3ReadPolicy()));
            return role.arn();
        } catch (SdkException e) {
            throw awsFailure("preparing IAM role " + name, e);
        }
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
            throw awsFailure("creating cluster " + id, e);
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
                throw awsFailure("checking cluster " + id, e);
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
                throw new JobFailure("cluster " + id + " did not become available within " + human(settings.timeout())
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
            throw awsFailure("deleting cluster " + id, e);
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
                throw awsFailure("checking cluster " + id, e);
            }
            if (found.isEmpty()) {
                job.detail("cluster", "deleted");
                statusChanged(job, "deleted");
                return;
            }
            String status = found.get().clusterStatus();
            statusChanged(job, status);
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure("cluster " + id + " was not deleted within " + human(settings.timeout())
                        + " (last status: " + status + "); the IAM role is kept: DELETE /infra/cluster again later");
            }
            job.checkCancelled();
            pause.pause(settings.pollInterval(), job);
            job.checkCancelled();
        }
    }

    private void deleteRole(Job job) {
        String name = settings.iamRoleName();
        try {
            Role role;
            try {
                role = iam.getRole(r -> r.roleName(name)).role();
            } catch (NoSuchEntityException e) {
                job.detail("role", "not found");
                return;
            }
            boolean managed = role.tags().stream()
                    .anyMatch(t -> MANAGED_TAG_KEY.equals(t.key()) && MANAGED_TAG_VALUE.equals(t.value()));
            if (!managed) {
                job.detail("role", "kept: not created by this service");
                return;
            }
            try {
                iam.detachRolePolicy(r -> r.roleName(name).policyArn(s3ReadPolicy()));
            } catch (NoSuchEntityException e) {
                // not attached any more: nothing to detach
            }
            iam.deleteRole(r -> r.roleName(name));
            job.detail("role", "deleted");
        } catch (SdkException e) {
            throw awsFailure("deleting IAM role " + name, e);
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
        return new ClusterView(c.clusterIdentifier(), c.clusterStatus(), settings.region(), c.nodeType(),
                c.numberOfNodes(), c.dbName(), c.masterUsername(),
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

    private static boolean trustsRedshift(Role role) {
        String document = role.assumeRolePolicyDocument();
        if (document == null) {
            return false;
        }
        // IAM returns the policy URL-encoded.
        String decoded = document.startsWith("%7B") || document.contains("%22")
                ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
        return decoded.contains("redshift.amazonaws.com");
    }

    /** AmazonS3ReadOnlyAccess in the region's partition. */
    private String s3ReadPolicy() {
        String region = settings.region();
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return "arn:" + partition + ":iam::aws:policy/AmazonS3ReadOnlyAccess";
    }

    /** Redshift's password rules, checked before any AWS call; the message never shows the password. */
    static String checkPassword(Optional<String> configured) {
        String password = configured.filter(p -> !p.isEmpty()).orElseThrow(() -> new JobFailure(
                "no master password: set SPARKIFY_REDSHIFT_PASSWORD (sparkify.infra.master-password) before "
                        + "POST /infra/cluster"));
        boolean printable = password.chars().allMatch(ch -> ch > 32 && ch < 127 && "'\"\\/@".indexOf(ch) < 0);
        if (password.length() < 8 || password.length() > 64 || !printable
                || password.chars().noneMatch(Character::isUpperCase)
                || password.chars().noneMatch(Character::isLowerCase)
                || password.chars().noneMatch(Character::isDigit)) {
            throw new JobFailure("SPARKIFY_REDSHIFT_PASSWORD does not meet Redshift's rules: 8-64 printable ASCII "
                    + "characters with an upper-case letter, a lower-case letter and a digit, and none of ' \" \\ / @ "
                    + "or space");
        }
        return password;
    }

    private static JobFailure awsFailure(String doing, SdkException e) {
        String detail = e.getMessage();
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            detail = aws.awsErrorDetails().errorMessage() + " (" + aws.awsErrorDetails().errorCode() + ")";
        }
        return new JobFailure(doing + " failed: " + detail, e);
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
