package com.sparkify.warehouse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;
import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.TestJobs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Cluster lifecycle against WireMock stubs of the IAM and Redshift Query APIs: which requests go out,
 * how the manager polls while a cluster starts or goes away, and how each way of failing ends the job.
 * Time is a fake clock that each pause moves on, so a 30-minute wait takes no time.
 */
class ClusterManagerTest {

    private static final String ROLE_NAME = "sparkify-test-s3-read";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE_NAME;
    private static final String CLUSTER = "sparkify-test";
    private static final StaticCredentialsProvider FAKE_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private static AwsQueryStub iam;
    private static AwsQueryStub redshift;

    private final FakeTime time = new FakeTime();
    private final Job job = Job.detached(JobType.CLUSTER_CREATE);

    @BeforeAll
    static void startStubs() {
        iam = AwsQueryStub.iam();
        redshift = AwsQueryStub.redshift();
    }

    @AfterAll
    static void stopStubs() {
        iam.close();
        redshift.close();
    }

    @BeforeEach
    @AfterEach
    void resetStubs() {
        iam.reset();
        redshift.reset();
    }

    private ClusterManager manager(InfraSettings settings) {
        return ClusterManager.connect(settings, FAKE_KEYS, time, time);
    }

    private TestInfraSettings settings() {
        return TestInfraSettings.of(iam.endpoint(), redshift.endpoint());
    }

    private void stubNewRole() {
        iam.on("GetRole", iam.error(404, "NoSuchEntity", "The role with name " + ROLE_NAME + " cannot be found."))
                .on("CreateRole", iam.ok("CreateRole", AwsQueryStub.role(ROLE_NAME, ClusterManager.TRUST_POLICY, true)))
                .on("AttachRolePolicy", iam.ok("AttachRolePolicy", null));
    }

    private AwsQueryStub.Reply clusters(String status) {
        return redshift.ok("DescribeClusters", "<Clusters>" + AwsQueryStub.cluster(CLUSTER, status, ROLE_ARN)
                + "</Clusters>");
    }

    private AwsQueryStub.Reply noCluster() {
        return redshift.error(404, "ClusterNotFound", "Cluster " + CLUSTER + " not found.");
    }

    @Test
    void shouldCreateRoleAndClusterThenPollUntilAvailable() throws Exception {
        stubNewRole();
        redshift.on("DescribeClusters", noCluster(), clusters("creating"), clusters("creating"), clusters("available"))
                .on("CreateCluster", redshift.ok("CreateCluster", AwsQueryStub.cluster(CLUSTER, "creating", ROLE_ARN)));

        try (ClusterManager manager = manager(settings())) {
            manager.create(job);
        }

        assertThat(iam.actions()).containsExactly("GetRole", "CreateRole", "AttachRolePolicy");
        Map<String, String> createRole = iam.requests("CreateRole").get(0);
        assertThat(createRole).containsEntry("RoleName", ROLE_NAME)
                .containsEntry("Tags.member.1.Key", "managed-by")
                .containsEntry("Tags.member.1.Value", "sparkify-warehouse");
        assertThat(createRole.get("AssumeRolePolicyDocument")).contains("\"Service\":\"redshift.amazonaws.com\"")
                .contains("sts:AssumeRole");
        assertThat(iam.requests("AttachRolePolicy").get(0)).containsEntry("RoleName", ROLE_NAME)
                .containsEntry("PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

        assertThat(redshift.actions()).containsExactly("DescribeClusters", "CreateCluster", "DescribeClusters",
                "DescribeClusters", "DescribeClusters");
        assertThat(redshift.requests("CreateCluster").get(0)).containsEntry("ClusterIdentifier", CLUSTER)
                .containsEntry("NodeType", "dc2.large")
                .containsEntry("ClusterType", "multi-node")
                .containsEntry("NumberOfNodes", "2")
                .containsEntry("DBName", "sparkify")
                .containsEntry("MasterUsername", "awsuser")
                .containsEntry("MasterUserPassword", TestInfraSettings.PASSWORD)
                .containsEntry("IamRoles.IamRoleArn.1", ROLE_ARN)
                .containsEntry("PubliclyAccessible", "false");
        // Two pauses of the poll interval between three status checks.
        assertThat(time.pauses).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15));

        JobRecord view = job.view();
        assertThat(view.details()).containsEntry("role_arn", ROLE_ARN)
                .containsEntry("role", "created")
                .containsEntry("cluster", "created")
                .containsEntry("cluster_status", "available")
                .containsEntry("endpoint", CLUSTER + ".c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439")
                .containsEntry("jdbc_url",
                        "jdbc:redshift://" + CLUSTER + ".c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify");
        assertThat(view.steps()).extracting(JobRecord.Step::name)
                .containsExactly("iam_role", "create_cluster", "wait_available");
        assertThat(json(view)).doesNotContain(TestInfraSettings.PASSWORD);
    }

    @Test
    void shouldReuseAnExistingRoleAndAvailableCluster() throws Exception {
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ClusterManager.TRUST_POLICY, false)))
                .on("AttachRolePolicy", iam.ok("AttachRolePolicy", null));
        redshift.on("DescribeClusters", clusters("available"));

        try (ClusterManager manager = manager(settings())) {
            manager.create(job);
        }

        assertThat(iam.actions()).containsExactly("GetRole", "AttachRolePolicy");
        assertThat(redshift.actions()).containsExactly("DescribeClusters", "DescribeClusters");
        assertThat(job.view().details()).containsEntry("role", "reused").containsEntry("cluster", "reused");
        assertThat(time.pauses).isEmpty();
    }

    @Test
    void shouldAttachTheRoleToAReusedClusterThatLacksIt() throws Exception {
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ClusterManager.TRUST_POLICY, true)))
                .on("AttachRolePolicy", iam.ok("AttachRolePolicy", null));
        String withoutRole = "<Clusters>" + AwsQueryStub.cluster(CLUSTER, "available", null) + "</Clusters>";
        redshift.on("DescribeClusters", redshift.ok("DescribeClusters", withoutRole), clusters("modifying"),
                        clusters("available"))
                .on("ModifyClusterIamRoles", redshift.ok("ModifyClusterIamRoles",
                        AwsQueryStub.cluster(CLUSTER, "modifying", ROLE_ARN)));

        try (ClusterManager manager = manager(settings())) {
            manager.create(job);
        }

        assertThat(redshift.actions()).containsExactly("DescribeClusters", "ModifyClusterIamRoles",
                "DescribeClusters", "DescribeClusters");
        assertThat(redshift.requests("ModifyClusterIamRoles").get(0)).containsEntry("ClusterIdentifier", CLUSTER)
                .containsValue(ROLE_ARN);
        assertThat(job.view().details()).containsEntry("cluster", "reused").containsEntry("cluster_status", "available");
    }

    @Test
    void shouldFailTheJobWhenTheClusterIsNotAvailableInTime() {
        stubNewRole();
        redshift.on("DescribeClusters", noCluster(), clusters("creating"))
                .on("CreateCluster", redshift.ok("CreateCluster", AwsQueryStub.cluster(CLUSTER, "creating", ROLE_ARN)));
        JobService jobs = TestJobs.inMemoryService();
        try (ClusterManager manager = manager(settings())) {
            JobRecord submitted = jobs.submit(JobType.CLUSTER_CREATE, null, manager::create);
            JobRecord failed = TestJobs.await(jobs, submitted.id(), Duration.ofSeconds(30));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error()).isEqualTo("cluster sparkify-test did not become available within 1m "
                    + "(last status: creating); it may still be starting, and it is billed while it exists: "
                    + "GET /infra/cluster follows it, DELETE /infra/cluster removes it");
            assertThat(failed.details()).containsEntry("cluster_status", "creating");
            assertThat(failed.steps()).extracting(JobRecord.Step::name, JobRecord.Step::status).last()
                    .isEqualTo(tuple("wait_available", JobStatus.FAILED));
        } finally {
            TestJobs.stop(jobs);
        }
        // Timeout 1m, interval 15s: checks at 0, 15, 30, 45 and 60 seconds, then it gives up.
        assertThat(redshift.requests("DescribeClusters")).hasSize(1 + 5);
        assertThat(time.pauses).hasSize(4);
    }

    @Test
    void shouldFailAtOnceWhenTheClusterReachesAStatusThatNeverBecomesAvailable() {
        stubNewRole();
        redshift.on("DescribeClusters", noCluster(), clusters("creating"), clusters("incompatible-network"))
                .on("CreateCluster", redshift.ok("CreateCluster", AwsQueryStub.cluster(CLUSTER, "creating", ROLE_ARN)));

        try (ClusterManager manager = manager(settings())) {
            assertThatThrownBy(() -> manager.create(job)).isInstanceOf(JobFailure.class)
                    .hasMessage("cluster sparkify-test cannot become available: its status is incompatible-network; "
                            + "DELETE /infra/cluster removes it");
        }
        assertThat(time.pauses).hasSize(1);
    }

    @Test
    void shouldFailWithoutAMasterPasswordBeforeCallingAws() {
        try (ClusterManager manager = manager(settings().withPassword(Optional.empty()))) {
            assertThatThrownBy(() -> manager.create(job)).isInstanceOf(JobFailure.class)
                    .hasMessageStartingWith("no master password: set SPARKIFY_REDSHIFT_PASSWORD");
        }
        try (ClusterManager manager = manager(settings().withPassword(Optional.of("short")))) {
            assertThatThrownBy(() -> manager.create(job)).isInstanceOf(JobFailure.class)
                    .hasMessageStartingWith("SPARKIFY_REDSHIFT_PASSWORD does not meet Redshift's rules")
                    .message().doesNotContain("short");
        }
        assertThat(iam.actions()).isEmpty();
        assertThat(redshift.actions()).isEmpty();
    }

    @Test
    void shouldRefuseAnExistingRoleRedshiftCannotAssume() {
        String ec2Trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ec2Trust, false)));

        try (ClusterManager manager = manager(settings())) {
            assertThatThrownBy(() -> manager.create(job)).isInstanceOf(JobFailure.class)
                    .hasMessageContaining("IAM role sparkify-test-s3-read exists but Redshift cannot assume it");
        }
        assertThat(iam.actions()).containsExactly("GetRole");
        assertThat(redshift.actions()).isEmpty();
    }

    @Test
    void shouldReportWhatAwsRefusedAndWhy() {
        iam.on("GetRole", iam.error(404, "NoSuchEntity", "The role with name " + ROLE_NAME + " cannot be found."))
                .on("CreateRole", iam.error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/etl is not "
                        + "authorized to perform: iam:CreateRole"));
        JobService jobs = TestJobs.inMemoryService();
        try (ClusterManager manager = manager(settings())) {
            JobRecord failed = TestJobs.await(jobs, jobs.submit(JobType.CLUSTER_CREATE, null, manager::create).id(),
                    Duration.ofSeconds(30));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error()).isEqualTo("preparing IAM role sparkify-test-s3-read failed: User: "
                    + "arn:aws:iam::123456789012:user/etl is not authorized to perform: iam:CreateRole (AccessDenied)");
        } finally {
            TestJobs.stop(jobs);
        }
        assertThat(redshift.actions()).isEmpty();
    }

    @Test
    void shouldDeleteTheClusterWithoutFinalSnapshotThenTheRoleItCreated() throws Exception {
        redshift.on("DescribeClusters", clusters("available"), clusters("deleting"), noCluster())
                .on("DeleteCluster", redshift.ok("DeleteCluster", AwsQueryStub.cluster(CLUSTER, "deleting", ROLE_ARN)));
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ClusterManager.TRUST_POLICY, true)))
                .on("DetachRolePolicy", iam.ok("DetachRolePolicy", null))
                .on("DeleteRole", iam.ok("DeleteRole", null));

        try (ClusterManager manager = manager(settings())) {
            manager.delete(job);
        }

        assertThat(redshift.actions()).containsExactly("DescribeClusters", "DeleteCluster", "DescribeClusters",
                "DescribeClusters");
        assertThat(redshift.requests("DeleteCluster").get(0)).containsEntry("ClusterIdentifier", CLUSTER)
                .containsEntry("SkipFinalClusterSnapshot", "true")
                .doesNotContainKey("FinalClusterSnapshotIdentifier");
        assertThat(iam.actions()).containsExactly("GetRole", "DetachRolePolicy", "DeleteRole");
        assertThat(iam.requests("DetachRolePolicy").get(0))
                .containsEntry("PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(job.view().details()).containsEntry("cluster", "deleted").containsEntry("cluster_status", "deleted")
                .containsEntry("role", "deleted");
        assertThat(job.view().steps()).extracting(JobRecord.Step::name)
                .containsExactly("delete_cluster", "wait_deleted", "delete_role");
        assertThat(time.pauses).hasSize(1);
    }

    @Test
    void shouldKeepAFinalSnapshotWhenAsked() throws Exception {
        redshift.on("DescribeClusters", clusters("available"), noCluster())
                .on("DeleteCluster", redshift.ok("DeleteCluster", AwsQueryStub.cluster(CLUSTER, "final-snapshot", null)));
        iam.on("GetRole", iam.error(404, "NoSuchEntity", "The role with name " + ROLE_NAME + " cannot be found."));

        try (ClusterManager manager = manager(settings().keepingFinalSnapshot())) {
            manager.delete(job);
        }

        assertThat(redshift.requests("DeleteCluster").get(0)).containsEntry("SkipFinalClusterSnapshot", "false")
                .containsEntry("FinalClusterSnapshotIdentifier", "sparkify-test-final-20261127-090000");
        assertThat(job.view().details()).containsEntry("final_snapshot", "sparkify-test-final-20261127-090000")
                .containsEntry("role", "not found");
    }

    @Test
    void shouldKeepARoleThisServiceDidNotCreate() throws Exception {
        redshift.on("DescribeClusters", noCluster());
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ClusterManager.TRUST_POLICY, false)));

        try (ClusterManager manager = manager(settings())) {
            manager.delete(job);
        }

        assertThat(redshift.actions()).containsExactly("DescribeClusters");
        assertThat(iam.actions()).containsExactly("GetRole");
        assertThat(job.view().details()).containsEntry("cluster", "not found")
                .containsEntry("role", "kept: not created by this service");
    }

    @Test
    void shouldFailTheDeletionWhenTheClusterIsNotGoneInTime() {
        redshift.on("DescribeClusters", clusters("available"), clusters("deleting"))
                .on("DeleteCluster", redshift.ok("DeleteCluster", AwsQueryStub.cluster(CLUSTER, "deleting", ROLE_ARN)));

        try (ClusterManager manager = manager(settings())) {
            assertThatThrownBy(() -> manager.delete(job)).isInstanceOf(JobFailure.class)
                    .hasMessage("cluster sparkify-test was not deleted within 1m (last status: deleting); the IAM role "
                            + "is kept: DELETE /infra/cluster again later");
        }
        assertThat(iam.actions()).isEmpty();
    }

    @Test
    void shouldDescribeTheClusterOrNothing() {
        redshift.on("DescribeClusters", clusters("available"), noCluster());

        try (ClusterManager manager = manager(settings())) {
            assertThat(manager.describe()).contains(new ClusterView(CLUSTER, "available", "us-west-2", "dc2.large", 2,
                    "sparkify", "awsuser", CLUSTER + ".c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com", 5439,
                    "jdbc:redshift://" + CLUSTER + ".c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify",
                    List.of(ROLE_ARN)));
            assertThat(manager.describe()).isEmpty();
        }
    }

    private static String json(JobRecord view) throws Exception {
        return new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(view);
    }

    /** A clock that stands still until a pause moves it on by the paused duration. */
    private static final class FakeTime extends Clock implements ClusterManager.Pause {
        private Instant now = Instant.parse("2026-11-27T09:00:00Z");
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public void pause(Duration duration, Job job) {
            pauses.add(duration);
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
