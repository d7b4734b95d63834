package com.sparkify.warehouse.infra;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Redshift Serverless beside the provisioned cluster: the IAM role, a namespace (database, admin user,
 * roles) and a workgroup (compute and endpoint) created or reused, waited for, and removed again, as
 * job work with the same job types, details and failure messages as {@link ClusterManager}.
 *
 * <p>Without {@code master-password} the namespace's admin password is managed by AWS in Secrets
 * Manager, and the job reports the secret's ARN. A workgroup must be gone before its namespace can be
 * deleted, so deletion waits for each in turn.
 */
public final class ServerlessManager implements WarehouseLifecycle {

    private static final Logger LOG = Logger.getLogger(ServerlessManager.class);
    private static final String AVAILABLE = "AVAILABLE";
    private static final String DELETING = "DELETING";
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final InfraSettings settings;
    private final IamClient iam;
    private final ServiceRole role;
    private final ServerlessApi api;
    private final ClusterManager.Pause pause;
    private final Clock clock;

    ServerlessManager(InfraSettings settings, IamClient iam, ServerlessApi api, ClusterManager.Pause pause,
            Clock clock) {
        this.settings = settings;
        this.iam = iam;
        this.role = new ServiceRole(iam, settings);
        this.api = api;
        this.pause = pause;
        this.clock = clock;
    }

    /** A manager with its own IAM and Redshift Serverless clients for the settings' region and endpoints. */
    public static ServerlessManager connect(InfraSettings settings, AwsCredentialsProvider credentials,
            ClusterManager.Pause pause, Clock clock) {
        return new ServerlessManager(settings, ClusterManager.iamClient(settings, credentials),
                new ServerlessApi(credentials, settings.region(), settings.redshiftServerlessEndpoint()), pause, clock);
    }

    @Override
    public void close() {
        iam.close();
        api.close();
    }

    /** Creates (or reuses) the role, the namespace and the workgroup, and waits until the workgroup is available. */
    @Override
    public void create(Job job) throws InterruptedException {
        try {
            NodeTypes.checkServerless(settings.serverless());
        } catch (InvalidInfraSettingException e) {
            throw new JobFailure(e.getMessage());
        }
        Optional<String> password = ServiceRole.checkPassword(settings.masterPassword());
        describeJob(job);

        String roleArn = WarehouseLifecycle.roleStep(job, role);
        ServerlessApi.Namespace namespace = WarehouseLifecycle.step(job, "create_namespace",
                () -> ensureNamespace(roleArn, password, job));
        WarehouseLifecycle.step(job, "create_workgroup", () -> {
            ensureWorkgroup(job);
        });
        ServerlessApi.Workgroup workgroup = WarehouseLifecycle.step(job, "wait_available", () -> {
            ServerlessApi.Workgroup available = awaitAvailable(job);
            job.detail("endpoint", available.address() + ":" + available.port());
            job.detail("jdbc_url", jdbcUrl(available, dbName(namespace)));
            return available;
        });
        LOG.infof("Redshift Serverless workgroup %s is available at %s", workgroup.name(), workgroup.address());
    }

    /** Deletes the workgroup, then the namespace (final snapshot only if configured), then the role. */
    @Override
    public void delete(Job job) throws InterruptedException {
        describeJob(job);
        String workgroup = settings.serverless().workgroup();
        String namespace = settings.serverless().namespace();

        boolean workgroupExists = WarehouseLifecycle.step(job, "delete_workgroup", () -> requestWorkgroupDeletion(job));
        if (workgroupExists) {
            WarehouseLifecycle.step(job, "wait_workgroup_deleted", () -> {
                awaitGone(job, "workgroup " + workgroup, "workgroup_status",
                        () -> api.getWorkgroup(workgroup).map(ServerlessApi.Workgroup::status),
                        "the namespace and the IAM role are kept");
                job.detail("workgroup", "deleted");
            });
        }

        boolean namespaceExists = WarehouseLifecycle.step(job, "delete_namespace", () -> requestNamespaceDeletion(job));
        if (namespaceExists) {
            WarehouseLifecycle.step(job, "wait_namespace_deleted", () -> {
                awaitGone(job, "namespace " + namespace, "namespace_status",
                        () -> api.getNamespace(namespace).map(ServerlessApi.Namespace::status), "the IAM role is kept");
                job.detail("namespace", "deleted");
            });
        }

        WarehouseLifecycle.step(job, "delete_role", () -> {
            role.delete(job);
        });
    }

    /** The workgroup as it is now, with its namespace's database and roles; empty when it does not exist. */
    @Override
    public Optional<ClusterView> describe() {
        return api.getWorkgroup(settings.serverless().workgroup()).map(w -> {
            Optional<ServerlessApi.Namespace> namespace = w.namespaceName() == null ? Optional.empty()
                    : api.getNamespace(w.namespaceName());
            String dbName = namespace.map(this::dbName).orElse(null);
            boolean hasEndpoint = w.address() != null && w.port() != null;
            return new ClusterView(InfraSettings.Kind.SERVERLESS.label(), w.name(), w.status(), settings.region(),
                    null, null, w.namespaceName(), w.baseCapacity(), dbName,
                    namespace.map(ServerlessApi.Namespace::adminUsername).orElse(null),
                    hasEndpoint ? w.address() : null, hasEndpoint ? w.port() : null,
                    hasEndpoint && dbName != null ? jdbcUrl(w, dbName) : null,
                    namespace.map(n -> ServerlessApi.roleArns(n.iamRoles())).orElse(List.of()));
        });
    }

    private void describeJob(Job job) {
        job.detail("kind", InfraSettings.Kind.SERVERLESS.label());
        job.detail("namespace_name", settings.serverless().namespace());
        job.detail("workgroup_name", settings.serverless().workgroup());
        job.detail("region", settings.region());
        job.detail("role_name", settings.iamRoleName());
    }

    private ServerlessApi.Namespace ensureNamespace(String roleArn, Optional<String> password, Job job)
            throws InterruptedException {
        String name = settings.serverless().namespace();
        try {
            Optional<ServerlessApi.Namespace> existing = api.getNamespace(name);
            if (existing.isPresent()) {
                return reuseNamespace(existing.get(), roleArn, job);
            }
            ObjectNode request = api.body()
                    .put("namespaceName", name)
                    .put("dbName", settings.dbName())
                    .put("adminUsername", settings.masterUsername())
                    .put("defaultIamRoleArn", roleArn);
            request.putArray("iamRoles").add(roleArn);
            if (password.isPresent()) {
                request.put("adminUserPassword", password.get());
            } else {
                // AWS generates the password and keeps it in Secrets Manager.
                request.put("manageAdminPassword", true);
            }
            tag(request);
            ServerlessApi.Namespace created;
            try {
                created = api.createNamespace(request);
            } catch (AwsServiceException e) {
                // created meanwhile by someone else: use it like our own
                if (!isConflict(e)) {
                    throw e;
                }
                return reuseNamespace(api.getNamespace(name).orElseThrow(() -> e), roleArn, job);
            }
            job.detail("namespace", "created");
            if (created.adminPasswordSecretArn() != null) {
                job.detail("admin_password_secret_arn", created.adminPasswordSecretArn());
            }
            statusChanged(job, "namespace_status", created.status() == null ? "MODIFYING" : created.status());
            if (!AVAILABLE.equals(created.status())) {
                awaitNamespaceAvailable(job);
            }
            return created;
        } catch (SdkException e) {
            throw ServiceRole.awsFailure("creating namespace " + name, e);
        }
    }

    private ServerlessApi.Namespace reuseNamespace(ServerlessApi.Namespace namespace, String roleArn, Job job)
            throws InterruptedException {
        if (DELETING.equals(namespace.status())) {
            throw new JobFailure("namespace " + namespace.name() + " is being deleted: wait for the deletion to "
                    + "finish, then create it again");
        }
        job.detail("namespace", "reused");
        statusChanged(job, "namespace_status", namespace.status());
        List<String> roles = ServerlessApi.roleArns(namespace.iamRoles());
        if (!roles.contains(roleArn)) {
            List<String> withOurs = new ArrayList<>(roles);
            withOurs.add(roleArn);
            // The role list is replaced as a whole, so the roles already there are sent again.
            api.updateNamespaceRoles(namespace.name(), withOurs);
            awaitNamespaceAvailable(job);
        }
        if (namespace.adminPasswordSecretArn() != null) {
            job.detail("admin_password_secret_arn", namespace.adminPasswordSecretArn());
        }
        return namespace;
    }

    private void ensureWorkgroup(Job job) {
        String name = settings.serverless().workgroup();
        String namespace = settings.serverless().namespace();
        try {
            Optional<ServerlessApi.Workgroup> existing = api.getWorkgroup(name);
            if (existing.isPresent()) {
                reuseWorkgroup(existing.get(), job);
                return;
            }
            ObjectNode request = api.body()
                    .put("workgroupName", name)
                    .put("namespaceName", namespace)
                    .put("baseCapacity", settings.serverless().baseCapacity())
                    .put("publiclyAccessible", settings.publiclyAccessible());
            settings.serverless().subnetIds().filter(ids -> !ids.isEmpty())
                    .ifPresent(ids -> ids.forEach(request.putArray("subnetIds")::add));
            settings.serverless().securityGroupIds().filter(ids -> !ids.isEmpty())
                    .ifPresent(ids -> ids.forEach(request.putArray("securityGroupIds")::add));
            tag(request);
            try {
                ServerlessApi.Workgroup created = api.createWorkgroup(request);
                job.detail("workgroup", "created");
                statusChanged(job, "workgroup_status", created.status() == null ? "CREATING" : created.status());
            } catch (AwsServiceException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                reuseWorkgroup(api.getWorkgroup(name).orElseThrow(() -> e), job);
            }
        } catch (SdkException e) {
            throw ServiceRole.awsFailure("creating workgroup " + name, e);
        }
    }

    private void reuseWorkgroup(ServerlessApi.Workgroup workgroup, Job job) {
        String namespace = settings.serverless().namespace();
        if (workgroup.namespaceName() != null && !namespace.equals(workgroup.namespaceName())) {
            throw new JobFailure("workgroup " + workgroup.name() + " belongs to namespace " + workgroup.namespaceName()
                    + ", not " + namespace + ": choose another sparkify.infra.serverless.workgroup");
        }
        if (DELETING.equals(workgroup.status())) {
            throw new JobFailure("workgroup " + workgroup.name() + " is being deleted: wait for the deletion to "
                    + "finish, then create it again");
        }
        job.detail("workgroup", "reused");
        statusChanged(job, "workgroup_status", workgroup.status());
    }

    private ServerlessApi.Workgroup awaitAvailable(Job job) throws InterruptedException {
        String name = settings.serverless().workgroup();
        Instant deadline = clock.instant().plus(settings.timeout());
        String status = "unknown";
        while (true) {
            Optional<ServerlessApi.Workgroup> found;
            try {
                found = api.getWorkgroup(name);
            } catch (SdkException e) {
                throw ServiceRole.awsFailure("checking workgroup " + name, e);
            }
            if (found.isEmpty()) {
                throw new JobFailure("workgroup " + name + " disappeared while starting (last status: " + status + ")");
            }
            ServerlessApi.Workgroup workgroup = found.get();
            status = workgroup.status();
            statusChanged(job, "workgroup_status", status);
            if (AVAILABLE.equals(status) && workgroup.address() != null && workgroup.port() != null) {
                return workgroup;
            }
            if (DELETING.equals(status)) {
                throw new JobFailure("workgroup " + name + " cannot become available: it is being deleted");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure("workgroup " + name + " did not become available within "
                        + ServiceRole.human(settings.timeout()) + " (last status: " + status + "); it may still be "
                        + "starting: GET /infra/cluster follows it, DELETE /infra/cluster removes it");
            }
            job.checkCancelled();
            pause.pause(settings.pollInterval(), job);
            job.checkCancelled();
        }
    }

    private void awaitNamespaceAvailable(Job job) throws InterruptedException {
        String name = settings.serverless().namespace();
        Instant deadline = clock.instant().plus(settings.timeout());
        while (true) {
            Optional<ServerlessApi.Namespace> found = api.getNamespace(name);
            if (found.isEmpty()) {
                throw new JobFailure("namespace " + name + " disappeared while it was being set up");
            }
            String status = found.get().status();
            statusChanged(job, "namespace_status", status);
            if (AVAILABLE.equals(status)) {
                return;
            }
            if (DELETING.equals(status)) {
                throw new JobFailure("namespace " + name + " is being deleted: wait for the deletion to finish, then "
                        + "create it again");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure("namespace " + name + " did not become available within "
                        + ServiceRole.human(settings.timeout()) + " (last status: " + status + ")");
            }
            job.checkCancelled();
            pause.pause(settings.pollInterval(), job);
            job.checkCancelled();
        }
    }

    /** Returns whether there was a workgroup to delete. */
    private boolean requestWorkgroupDeletion(Job job) {
        String name = settings.serverless().workgroup();
        try {
            Optional<ServerlessApi.Workgroup> existing = api.getWorkgroup(name);
            if (existing.isEmpty()) {
                return nothingToDelete(job, "workgroup");
            }
            String status = existing.get().status();
            if (!DELETING.equals(status)) {
                try {
                    ServerlessApi.Workgroup deleting = api.deleteWorkgroup(name);
                    status = deleting.status() == null ? DELETING : deleting.status();
                } catch (AwsServiceException e) {
                    if (ServerlessApi.isNotFound(e)) {
                        return nothingToDelete(job, "workgroup");
                    }
                    throw e;
                }
            }
            statusChanged(job, "workgroup_status", status);
            return true;
        } catch (SdkException e) {
            throw ServiceRole.awsFailure("deleting workgroup " + name, e);
        }
    }

    /** Returns whether there was a namespace to delete. */
    private boolean requestNamespaceDeletion(Job job) {
        String name = settings.serverless().namespace();
        try {
            Optional<ServerlessApi.Namespace> existing = api.getNamespace(name);
            if (existing.isEmpty()) {
                return nothingToDelete(job, "namespace");
            }
            String status = existing.get().status();
            if (!DELETING.equals(status)) {
                Optional<String> snapshot = Optional.empty();
                if (!settings.skipFinalSnapshot()) {
                    snapshot = Optional.of(name + "-final-" + SNAPSHOT_TIME.format(clock.instant()));
                    job.detail("final_snapshot", snapshot.get());
                }
                try {
                    ServerlessApi.Namespace deleting = api.deleteNamespace(name, snapshot);
                    status = deleting.status() == null ? DELETING : deleting.status();
                } catch (AwsServiceException e) {
                    if (ServerlessApi.isNotFound(e)) {
                        return nothingToDelete(job, "namespace");
                    }
                    throw e;
                }
            }
            statusChanged(job, "namespace_status", status);
            return true;
        } catch (SdkException e) {
            throw ServiceRole.awsFailure("deleting namespace " + name, e);
        }
    }

    private void awaitGone(Job job, String what, String statusKey, Supplier<Optional<String>> status, String kept)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.timeout());
        while (true) {
            Optional<String> found;
            try {
                found = status.get();
            } catch (SdkException e) {
                throw ServiceRole.awsFailure("checking " + what, e);
            }
            if (found.isEmpty()) {
                statusChanged(job, statusKey, "deleted");
                return;
            }
            statusChanged(job, statusKey, found.get());
            if (!clock.instant().isBefore(deadline)) {
                throw new JobFailure(what + " was not deleted within " + ServiceRole.human(settings.timeout())
                        + " (last status: " + found.get() + "); " + kept + ": DELETE /infra/cluster again later");
            }
            job.checkCancelled();
            pause.pause(settings.pollInterval(), job);
            job.checkCancelled();
        }
    }

    private static boolean nothingToDelete(Job job, String what) {
        job.detail(what, "not found");
        job.detail(what + "_status", "deleted");
        return false;
    }

    private static boolean isConflict(AwsServiceException e) {
        return e.awsErrorDetails() != null && "ConflictException".equals(e.awsErrorDetails().errorCode());
    }

    private static void tag(ObjectNode request) {
        ObjectNode tag = request.putArray("tags").addObject();
        tag.put("key", ServiceRole.MANAGED_TAG_KEY);
        tag.put("value", ServiceRole.MANAGED_TAG_VALUE);
    }

    private String dbName(ServerlessApi.Namespace namespace) {
        return namespace.dbName() != null ? namespace.dbName() : settings.dbName();
    }

    private static String jdbcUrl(ServerlessApi.Workgroup w, String dbName) {
        return "jdbc:redshift://" + w.address() + ":" + w.port() + "/" + dbName;
    }

    private static void statusChanged(Job job, String key, String status) {
        String before = job.detail(key);
        job.detail(key, status);
        if (!status.equals(before)) {
            job.checkpoint();
        }
    }
}
