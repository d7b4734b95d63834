package com.sparkify.warehouse.infra;

import static com.sparkify.warehouse.infra.AwsJsonStub.error;
import static com.sparkify.warehouse.infra.AwsJsonStub.namespace;
import static com.sparkify.warehouse.infra.AwsJsonStub.ok;
import static com.sparkify.warehouse.infra.AwsJsonStub.workgroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Serverless lifecycle against WireMock stubs of IAM (Query protocol) and Redshift Serverless (JSON 1.1
 * protocol): every operation and its parameters, polling while a workgroup starts or goes away, and
 * how each way of failing ends the job. Time is a fake clock that each pause moves on.
 */
class ServerlessManagerTest {

    private static final String ROLE_NAME = "sparkify-test-s3-read";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE_NAME;
    private static final String OTHER_ROLE_ARN = "arn:aws:iam::123456789012:role/analysts-spectrum";
    private static final String NS = "sparkify-ns";
    private static final String WG = "sparkify-wg";
    private static final String ADDRESS = WG + ".123456789012.us-west-2.redshift-serverless.amazonaws.com";
    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-west-2:123456789012:secret:redshift!sparkify-ns-awsuser-AbCdEf";
    private static final StaticCredentialsProvider FAKE_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private static AwsQueryStub iam;
    private static AwsJsonStub serverless;

    private final FakeTime time = new FakeTime();
    private final Job job = Job.detached(JobType.CLUSTER_CREATE);

    @BeforeAll
    static void startStubs() {
        iam = AwsQueryStub.iam();
        serverless = AwsJsonStub.serverless();
    }

    @AfterAll
    static void stopStubs() {
        iam.close();
        serverless.close();
    }

    @BeforeEach
    @AfterEach
    void resetStubs() {
        iam.reset();
        serverless.reset();
    }

    private ServerlessManager manager(InfraSettings settings) {
        return ServerlessManager.connect(settings, FAKE_KEYS, time, time);
    }

    private TestInfraSettings settings() {
        return TestInfraSettings.serverless(iam.endpoint(), serverless.endpoint());
    }

    private void stubNewRole() {
        iam.on("GetRole", iam.error(404, "NoSuchEntity", "The role with name " + ROLE_NAME + " cannot be found."))
                .on("CreateRole", iam.ok("CreateRole", AwsQueryStub.role(ROLE_NAME, ServiceRole.TRUST_POLICY, true)))
                .on("AttachRolePolicy", iam.ok("AttachRolePolicy", null));
    }

    private static AwsJsonStub.Reply noNamespace() {
        return error(400, "ResourceNotFoundException", "namespace " + NS + " not found");
    }

    private static AwsJsonStub.Reply noWorkgroup() {
        return error(400, "ResourceNotFoundException", "Workgroup " + WG + " not found");
    }

    private static AwsJsonStub.Reply wg(String status) {
        return ok(workgroup(WG, NS, status));
    }

    @Test
    void shouldCreateRoleNamespaceAndWorkgroupThenPollUntilAvailable() throws Exception {
        stubNewRole();
        serverless.on("GetNamespace", noNamespace())
                .on("CreateNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, SECRET_ARN)))
                .on("GetWorkgroup", noWorkgroup(), wg("CREATING"), wg("CREATING"), wg("AVAILABLE"))
                .on("CreateWorkgroup", wg("CREATING"));

        try (ServerlessManager manager = manager(settings())) {
            manager.create(job);
        }

        assertThat(iam.actions()).containsExactly("GetRole", "CreateRole", "AttachRolePolicy");
        assertThat(serverless.operations()).containsExactly("GetNamespace", "CreateNamespace", "GetWorkgroup",
                "CreateWorkgroup", "GetWorkgroup", "GetWorkgroup", "GetWorkgroup");
        assertThat(serverless.requests("GetNamespace")).containsExactly(Map.of("namespaceName", NS));
        Map<String, Object> tag = Map.of("key", "managed-by", "value", "sparkify-warehouse");
        // Without a password AWS generates one and keeps it in Secrets Manager.
        assertThat(serverless.requests("CreateNamespace")).containsExactly(Map.of("namespaceName", NS,
                "dbName", "sparkify", "adminUsername", "awsuser", "manageAdminPassword", true,
                "iamRoles", List.of(ROLE_ARN), "defaultIamRoleArn", ROLE_ARN, "tags", List.of(tag)));
        assertThat(serverless.requests("CreateWorkgroup")).containsExactly(Map.of("workgroupName", WG,
                "namespaceName", NS, "baseCapacity", 4, "publiclyAccessible", false, "tags", List.of(tag)));
        assertThat(serverless.logged()).allSatisfy(this::signedJson11);
        assertThat(time.pauses).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15));

        JobRecord view = job.view();
        assertThat(view.details()).containsEntry("kind", "serverless")
                .containsEntry("role_arn", ROLE_ARN)
                .containsEntry("namespace", "created")
                .containsEntry("namespace_status", "AVAILABLE")
                .containsEntry("admin_password_secret_arn", SECRET_ARN)
                .containsEntry("workgroup", "created")
                .containsEntry("workgroup_status", "AVAILABLE")
                .containsEntry("endpoint", ADDRESS + ":5439")
                .containsEntry("jdbc_url", "jdbc:redshift://" + ADDRESS + ":5439/sparkify");
        assertThat(view.steps()).extracting(JobRecord.Step::name)
                .containsExactly("iam_role", "create_namespace", "create_workgroup", "wait_available");
    }

    private void signedJson11(LoggedRequest request) {
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(request.getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
                .contains("/us-west-2/redshift-serverless/aws4_request");
    }

    @Test
    void shouldSendThePasswordCapacitySubnetsAndSecurityGroupsWhenSet() throws Exception {
        stubNewRole();
        serverless.on("GetNamespace", noNamespace())
                .on("CreateNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, null)))
                .on("GetWorkgroup", noWorkgroup(), wg("AVAILABLE"))
                .on("CreateWorkgroup", wg("CREATING"));
        TestInfraSettings settings = settings().withPassword(Optional.of(TestInfraSettings.PASSWORD))
                .withServerless(new TestInfraSettings.TestServerless(NS, WG, 8,
                        Optional.of(List.of("subnet-0a1b", "subnet-2c3d")), Optional.of(List.of("sg-4e5f"))));

        try (ServerlessManager manager = manager(settings)) {
            manager.create(job);
        }

        assertThat(serverless.requests("CreateNamespace").get(0))
                .containsEntry("adminUserPassword", TestInfraSettings.PASSWORD)
                .doesNotContainKey("manageAdminPassword");
        assertThat(serverless.requests("CreateWorkgroup").get(0)).containsEntry("baseCapacity", 8)
                .containsEntry("subnetIds", List.of("subnet-0a1b", "subnet-2c3d"))
                .containsEntry("securityGroupIds", List.of("sg-4e5f"));
        assertThat(job.view().details()).doesNotContainKey("admin_password_secret_arn");
        assertThat(json(job.view())).doesNotContain(TestInfraSettings.PASSWORD);
        assertThat(time.pauses).isEmpty();
    }

    @Test
    void shouldReuseANamespaceAndGiveItTheRoleBesideTheOnesItHas() throws Exception {
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ServiceRole.TRUST_POLICY, false)))
                .on("AttachRolePolicy", iam.ok("AttachRolePolicy", null));
        serverless.on("GetNamespace", ok(namespace(NS, "AVAILABLE", OTHER_ROLE_ARN, SECRET_ARN)),
                        ok(namespace(NS, "MODIFYING", OTHER_ROLE_ARN, SECRET_ARN)),
                        ok(namespace(NS, "AVAILABLE", ROLE_ARN, SECRET_ARN)))
                .on("UpdateNamespace", ok(namespace(NS, "MODIFYING", OTHER_ROLE_ARN, SECRET_ARN)))
                .on("GetWorkgroup", wg("AVAILABLE"));

        try (ServerlessManager manager = manager(settings())) {
            manager.create(job);
        }

        assertThat(serverless.operations()).containsExactly("GetNamespace", "UpdateNamespace", "GetNamespace",
                "GetNamespace", "GetWorkgroup", "GetWorkgroup");
        // The role list is replaced as a whole: the role already there is kept.
        assertThat(serverless.requests("UpdateNamespace")).containsExactly(Map.of("namespaceName", NS,
                "iamRoles", List.of(OTHER_ROLE_ARN, ROLE_ARN)));
        assertThat(job.view().details()).containsEntry("namespace", "reused")
                .containsEntry("workgroup", "reused")
                .containsEntry("admin_password_secret_arn", SECRET_ARN)
                .containsEntry("jdbc_url", "jdbc:redshift://" + ADDRESS + ":5439/sparkify");
        assertThat(time.pauses).hasSize(1);
    }

    @Test
    void shouldRefuseAWorkgroupOfAnotherNamespace() {
        stubNewRole();
        serverless.on("GetNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, null)))
                .on("GetWorkgroup", ok(workgroup(WG, "marketing", "AVAILABLE")));

        try (ServerlessManager manager = manager(settings())) {
            assertThatThrownBy(() -> manager.create(job)).isInstanceOf(JobFailure.class)
                    .hasMessage("workgroup sparkify-wg belongs to namespace marketing, not sparkify-ns: choose another "
                            + "sparkify.infra.serverless.workgroup");
        }
        assertThat(serverless.operations()).containsExactly("GetNamespace", "GetWorkgroup");
    }

    @Test
    void shouldFailTheJobWhenTheWorkgroupIsNotAvailableInTime() {
        stubNewRole();
        serverless.on("GetNamespace", noNamespace())
                .on("CreateNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, SECRET_ARN)))
                .on("GetWorkgroup", noWorkgroup(), wg("CREATING"))
                .on("CreateWorkgroup", wg("CREATING"));
        JobService jobs = TestJobs.inMemoryService();
        try (ServerlessManager manager = manager(settings())) {
            JobRecord submitted = jobs.submit(JobType.CLUSTER_CREATE, null, manager::create);
            JobRecord failed = TestJobs.await(jobs, submitted.id(), Duration.ofSeconds(30));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error()).isEqualTo("workgroup sparkify-wg did not become available within 1m (last "
                    + "status: CREATING); it may still be starting: GET /infra/cluster follows it, DELETE "
                    + "/infra/cluster removes it");
            assertThat(failed.steps()).extracting(JobRecord.Step::name, JobRecord.Step::status).last()
                    .isEqualTo(tuple("wait_available", JobStatus.FAILED));
        } finally {
            TestJobs.stop(jobs);
        }
        // Timeout 1m, interval 15s: checks at 0, 15, 30, 45 and 60 seconds, then it gives up.
        assertThat(serverless.requests("GetWorkgroup")).hasSize(1 + 5);
        assertThat(time.pauses).hasSize(4);
    }

    @Test
    void shouldReportWhatAwsRefusedAndWhy() {
        stubNewRole();
        serverless.on("GetNamespace", noNamespace())
                .on("CreateNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, SECRET_ARN)))
                .on("GetWorkgroup", noWorkgroup())
                .on("CreateWorkgroup", error(400, "com.amazonaws.redshiftserverless#ServiceQuotaExceededException",
                        "You have reached the maximum number of workgroups"));
        JobService jobs = TestJobs.inMemoryService();
        try (ServerlessManager manager = manager(settings())) {
            JobRecord failed = TestJobs.await(jobs, jobs.submit(JobType.CLUSTER_CREATE, null, manager::create).id(),
                    Duration.ofSeconds(30));

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error()).isEqualTo("creating workgroup sparkify-wg failed: You have reached the maximum "
                    + "number of workgroups (ServiceQuotaExceededException)");
        } finally {
            TestJobs.stop(jobs);
        }
    }

    @Test
    void shouldRetryAThrottledOrFailedCallAsTheSdkDoesThenGiveUp() throws Exception {
        stubNewRole();
        serverless.on("GetNamespace", error(400, "ThrottlingException", "Rate exceeded"), noNamespace())
                .on("CreateNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, SECRET_ARN)))
                .on("GetWorkgroup", noWorkgroup(), error(500, "InternalServerException", "try again"),
                        wg("AVAILABLE"))
                .on("CreateWorkgroup", wg("CREATING"));

        try (ServerlessManager manager = manager(settings())) {
            manager.create(job);
        }

        assertThat(serverless.operations()).containsExactly("GetNamespace", "GetNamespace", "CreateNamespace",
                "GetWorkgroup", "CreateWorkgroup", "GetWorkgroup", "GetWorkgroup");
        assertThat(job.view().details()).containsEntry("workgroup_status", "AVAILABLE");
        // Retries are not polls: the clock never moved.
        assertThat(time.pauses).isEmpty();

        serverless.reset();
        serverless.on("GetWorkgroup", error(400, "ThrottlingException", "Rate exceeded"));
        try (ServerlessManager manager = manager(settings())) {
            assertThatThrownBy(manager::describe).isInstanceOf(AwsServiceException.class)
                    .hasMessageContaining("Rate exceeded");
        }
        assertThat(serverless.operations()).containsExactly("GetWorkgroup", "GetWorkgroup", "GetWorkgroup");
    }

    @Test
    void shouldRefuseABaseCapacityAwsWouldRefuseBeforeCallingAws() {
        TestInfraSettings settings = settings().withServerless(
                new TestInfraSettings.TestServerless(NS, WG, 12, Optional.empty(), Optional.empty()));

        try (ServerlessManager manager = manager(settings)) {
            assertThatThrownBy(() -> manager.create(job)).isInstanceOf(JobFailure.class)
                    .hasMessageStartingWith("sparkify.infra.serverless.base-capacity: 12 RPUs");
        }
        assertThat(iam.actions()).isEmpty();
        assertThat(serverless.operations()).isEmpty();
    }

    @Test
    void shouldDeleteTheWorkgroupThenTheNamespaceThenTheRoleItCreated() throws Exception {
        serverless.on("GetWorkgroup", wg("AVAILABLE"), wg("DELETING"), noWorkgroup())
                .on("DeleteWorkgroup", wg("DELETING"))
                .on("GetNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, null)),
                        ok(namespace(NS, "DELETING", ROLE_ARN, null)), noNamespace())
                .on("DeleteNamespace", ok(namespace(NS, "DELETING", ROLE_ARN, null)));
        iam.on("GetRole", iam.ok("GetRole", AwsQueryStub.role(ROLE_NAME, ServiceRole.TRUST_POLICY, true)))
                .on("DetachRolePolicy", iam.ok("DetachRolePolicy", null))
                .on("DeleteRole", iam.ok("DeleteRole", null));

        try (ServerlessManager manager = manager(settings())) {
            manager.delete(job);
        }

        assertThat(serverless.operations()).containsExactly("GetWorkgroup", "DeleteWorkgroup", "GetWorkgroup",
                "GetWorkgroup", "GetNamespace", "DeleteNamespace", "GetNamespace", "GetNamespace");
        assertThat(serverless.requests("DeleteWorkgroup")).containsExactly(Map.of("workgroupName", WG));
        assertThat(serverless.requests("DeleteNamespace")).containsExactly(Map.of("namespaceName", NS));
        assertThat(iam.actions()).containsExactly("GetRole", "DetachRolePolicy", "DeleteRole");
        assertThat(job.view().details()).containsEntry("workgroup", "deleted")
                .containsEntry("workgroup_status", "deleted")
                .containsEntry("namespace", "deleted")
                .containsEntry("namespace_status", "deleted")
                .containsEntry("role", "deleted");
        assertThat(job.view().steps()).extracting(JobRecord.Step::name).containsExactly("delete_workgroup",
                "wait_workgroup_deleted", "delete_namespace", "wait_namespace_deleted", "delete_role");
        assertThat(time.pauses).hasSize(2);
    }

    @Test
    void shouldKeepAFinalSnapshotOfTheNamespaceWhenAsked() throws Exception {
        serverless.on("GetWorkgroup", noWorkgroup())
                .on("GetNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, null)), noNamespace())
                .on("DeleteNamespace", ok(namespace(NS, "DELETING", ROLE_ARN, null)));
        iam.on("GetRole", iam.error(404, "NoSuchEntity", "The role with name " + ROLE_NAME + " cannot be found."));

        try (ServerlessManager manager = manager(settings().keepingFinalSnapshot())) {
            manager.delete(job);
        }

        assertThat(serverless.requests("DeleteNamespace")).containsExactly(Map.of("namespaceName", NS,
                "finalSnapshotName", "sparkify-ns-final-20261127-090000"));
        assertThat(job.view().details()).containsEntry("workgroup", "not found")
                .containsEntry("final_snapshot", "sparkify-ns-final-20261127-090000")
                .containsEntry("role", "not found");
        assertThat(job.view().steps()).extracting(JobRecord.Step::name).containsExactly("delete_workgroup",
                "delete_namespace", "wait_namespace_deleted", "delete_role");
    }

    @Test
    void shouldFailTheDeletionWhenTheWorkgroupIsNotGoneInTime() {
        serverless.on("GetWorkgroup", wg("AVAILABLE"), wg("DELETING"))
                .on("DeleteWorkgroup", wg("DELETING"));

        try (ServerlessManager manager = manager(settings())) {
            assertThatThrownBy(() -> manager.delete(job)).isInstanceOf(JobFailure.class)
                    .hasMessage("workgroup sparkify-wg was not deleted within 1m (last status: DELETING); the "
                            + "namespace and the IAM role are kept: DELETE /infra/cluster again later");
        }
        assertThat(serverless.operations()).doesNotContain("GetNamespace", "DeleteNamespace");
        assertThat(iam.actions()).isEmpty();
    }

    @Test
    void shouldDescribeTheWorkgroupWithItsNamespaceOrNothing() {
        serverless.on("GetWorkgroup", wg("AVAILABLE"), noWorkgroup())
                .on("GetNamespace", ok(namespace(NS, "AVAILABLE", ROLE_ARN, SECRET_ARN)));

        try (ServerlessManager manager = manager(settings())) {
            assertThat(manager.describe()).contains(new ClusterView("serverless", WG, "AVAILABLE", "us-west-2", null,
                    null, NS, 4, "sparkify", "awsuser", ADDRESS, 5439, "jdbc:redshift://" + ADDRESS + ":5439/sparkify",
                    List.of(ROLE_ARN)));
            assertThat(manager.describe()).isEmpty();
        }
    }

    private static String json(JobRecord view) throws Exception {
        return new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(view);
    }
}
