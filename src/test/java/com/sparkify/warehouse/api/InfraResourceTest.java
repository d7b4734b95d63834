package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.sparkify.warehouse.infra.AwsJsonStub;
import com.sparkify.warehouse.infra.AwsQueryStub;
import com.sparkify.warehouse.infra.AwsStubsResource;
import com.sparkify.warehouse.infra.InfraStubsProfile;
import com.sparkify.warehouse.support.Jobs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /infra/cluster} on the embedded engine, with IAM and Redshift stubbed: create and delete run
 * as jobs with a Location to poll, describe answers at once, and the password never comes back.
 */
@QuarkusTest
@TestProfile(InfraStubsProfile.class)
@WithTestResource(AwsStubsResource.class)
class InfraResourceTest {

    private static final String ROLE = "sparkify-test-s3-read";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE;

    @AwsStubsResource.InjectAwsStubs
    AwsStubsResource.AwsStubs aws;

    @BeforeEach
    void resetStubs() {
        Jobs.awaitIdle();
        aws.reset();
    }

    private AwsQueryStub.Reply cluster(String status) {
        return aws.redshift().ok("DescribeClusters", "<Clusters>"
                + AwsQueryStub.cluster("sparkify-test", status, ROLE_ARN) + "</Clusters>");
    }

    private AwsQueryStub.Reply noCluster() {
        return aws.redshift().error(404, "ClusterNotFound", "Cluster sparkify-test not found.");
    }

    @Test
    void shouldCreateTheClusterAsAJobAndReportWhereToConnect() {
        aws.iam().on("GetRole", aws.iam().error(404, "NoSuchEntity", "The role with name " + ROLE + " cannot be found."))
                .on("CreateRole", aws.iam().ok("CreateRole", AwsQueryStub.role(ROLE, "{}", true)))
                .on("AttachRolePolicy", aws.iam().ok("AttachRolePolicy", null));
        aws.redshift().on("DescribeClusters", noCluster(), cluster("creating"), cluster("available"))
                .on("CreateCluster", aws.redshift().ok("CreateCluster",
                        AwsQueryStub.cluster("sparkify-test", "creating", ROLE_ARN)));

        String location = given().when().post("/infra/cluster")
                .then().statusCode(202).header("Location", notNullValue())
                .body("type", equalTo("CLUSTER_CREATE"))
                .extract().header("Location");
        JsonPath job = Jobs.await(location);

        assertThat(location).contains("/jobs/");
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("details.role_arn")).isEqualTo(ROLE_ARN);
        assertThat(job.getString("details.jdbc_url"))
                .isEqualTo("jdbc:redshift://sparkify-test.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify");
        assertThat(job.prettify()).doesNotContain(InfraStubsProfile.PASSWORD);
        assertThat(aws.redshift().requests("CreateCluster")).singleElement()
                .satisfies(form -> assertThat(form).containsEntry("MasterUserPassword", InfraStubsProfile.PASSWORD));
    }

    @Test
    void shouldDescribeTheClusterOrAnswerNotFound() {
        aws.redshift().on("DescribeClusters", noCluster(), cluster("available"));
        aws.serverless().on("GetWorkgroup", AwsJsonStub.error(400, "ResourceNotFoundException", "not found"));

        given().when().get("/infra/cluster")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:sparkify:problem:not-found"))
                .body("detail", equalTo("no Redshift cluster sparkify-test in us-west-2: POST /infra/cluster creates it"));
        given().when().get("/infra/cluster")
                .then().statusCode(200)
                .body("kind", equalTo("provisioned"))
                .body("identifier", equalTo("sparkify-test"))
                .body("nodeType", equalTo("ra3.large"))
                .body("status", equalTo("available"))
                .body("port", equalTo(5439))
                .body("iamRoles[0]", equalTo(ROLE_ARN));
    }

    @Test
    void shouldDescribeAServerlessWorkgroupWhenThereIsNoClusterButOneExists() {
        aws.redshift().on("DescribeClusters", noCluster());
        aws.serverless().on("GetWorkgroup", AwsJsonStub.ok(AwsJsonStub.workgroup("sparkify", "sparkify", "AVAILABLE")))
                .on("GetNamespace", AwsJsonStub.ok(AwsJsonStub.namespace("sparkify", "AVAILABLE", ROLE_ARN, null)));

        given().when().get("/infra/cluster")
                .then().statusCode(200)
                .body("kind", equalTo("serverless"))
                .body("identifier", equalTo("sparkify"))
                .body("jdbcUrl", equalTo("jdbc:redshift://sparkify.123456789012.us-west-2.redshift-serverless"
                        + ".amazonaws.com:5439/sparkify"));
        assertThat(aws.serverless().requests("GetWorkgroup")).singleElement()
                .satisfies(body -> assertThat(body).containsEntry("workgroupName", "sparkify"));
    }

    @Test
    void shouldAnswerBadGatewayWhenAwsRefuses() {
        aws.redshift().on("DescribeClusters", aws.redshift().error(403, "AccessDenied",
                "User is not authorized to perform: redshift:DescribeClusters"));

        given().when().get("/infra/cluster")
                .then().statusCode(502).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:sparkify:problem:aws-error"))
                .body("detail", equalTo("describing the cluster failed: User is not authorized to perform: "
                        + "redshift:DescribeClusters (AccessDenied)"));
    }

    @Test
    void shouldDeleteTheClusterAsAJob() {
        aws.redshift().on("DescribeClusters", cluster("available"), cluster("deleting"), noCluster())
                .on("DeleteCluster", aws.redshift().ok("DeleteCluster",
                        AwsQueryStub.cluster("sparkify-test", "deleting", ROLE_ARN)));
        aws.iam().on("GetRole", aws.iam().ok("GetRole", AwsQueryStub.role(ROLE, "{}", true)))
                .on("DetachRolePolicy", aws.iam().ok("DetachRolePolicy", null))
                .on("DeleteRole", aws.iam().ok("DeleteRole", null));

        String location = given().when().delete("/infra/cluster")
                .then().statusCode(202).body("type", equalTo("CLUSTER_DELETE"))
                .extract().header("Location");
        JsonPath job = Jobs.await(location);

        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("details.cluster_status")).isEqualTo("deleted");
        assertThat(job.getString("details.role")).isEqualTo("deleted");
    }
}
