package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.sparkify.warehouse.infra.AwsJsonStub;
import com.sparkify.warehouse.infra.AwsStubsResource;
import com.sparkify.warehouse.infra.InfraServerlessStubsProfile;
import com.sparkify.warehouse.support.Jobs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /infra/cluster} with {@code sparkify.infra.kind=serverless}, Redshift Serverless and IAM
 * stubbed: a base capacity AWS would refuse answers 400 naming the setting before any AWS call, and
 * describe and delete act on the workgroup and its namespace.
 */
@QuarkusTest
@TestProfile(InfraServerlessStubsProfile.class)
@WithTestResource(AwsStubsResource.class)
class InfraServerlessResourceTest {

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/sparkify-test-s3-read";
    private static final String ADDRESS = "sparkify-test.123456789012.us-west-2.redshift-serverless.amazonaws.com";

    @AwsStubsResource.InjectAwsStubs
    AwsStubsResource.AwsStubs aws;

    @BeforeEach
    void resetStubs() {
        Jobs.awaitIdle();
        aws.reset();
    }

    @Test
    void shouldRefuseABaseCapacityAwsWouldRefuseNamingTheSetting() {
        given().when().post("/infra/cluster")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:sparkify:problem:invalid-setting"))
                .body("parameter", equalTo("sparkify.infra.serverless.base-capacity"))
                .body("detail", startsWith("sparkify.infra.serverless.base-capacity: 12 RPUs: the base capacity is 4"));

        assertThat(aws.serverless().operations()).isEmpty();
        assertThat(aws.iam().actions()).isEmpty();
    }

    @Test
    void shouldDescribeTheWorkgroupWithItsKindEndpointAndJdbcUrl() {
        aws.serverless().on("GetWorkgroup", AwsJsonStub.ok(AwsJsonStub.workgroup("sparkify-test", "sparkify-test",
                        "AVAILABLE")))
                .on("GetNamespace", AwsJsonStub.ok(AwsJsonStub.namespace("sparkify-test", "AVAILABLE", ROLE_ARN, null)));

        given().when().get("/infra/cluster")
                .then().statusCode(200)
                .body("kind", equalTo("serverless"))
                .body("identifier", equalTo("sparkify-test"))
                .body("status", equalTo("AVAILABLE"))
                .body("namespace", equalTo("sparkify-test"))
                .body("baseCapacity", equalTo(4))
                .body("endpoint", equalTo(ADDRESS))
                .body("port", equalTo(5439))
                .body("jdbcUrl", equalTo("jdbc:redshift://" + ADDRESS + ":5439/sparkify"))
                .body("iamRoles[0]", equalTo(ROLE_ARN));
        // The configured kind exists: the provisioned API is not asked.
        assertThat(aws.redshift().actions()).isEmpty();
    }

    @Test
    void shouldDeleteTheWorkgroupAndNamespaceAsAJob() {
        aws.serverless().on("GetWorkgroup", AwsJsonStub.ok(AwsJsonStub.workgroup("sparkify-test", "sparkify-test",
                        "AVAILABLE")), AwsJsonStub.error(400, "ResourceNotFoundException", "not found"))
                .on("DeleteWorkgroup", AwsJsonStub.ok(AwsJsonStub.workgroup("sparkify-test", "sparkify-test",
                        "DELETING")))
                .on("GetNamespace", AwsJsonStub.ok(AwsJsonStub.namespace("sparkify-test", "AVAILABLE", ROLE_ARN, null)),
                        AwsJsonStub.error(400, "ResourceNotFoundException", "not found"))
                .on("DeleteNamespace", AwsJsonStub.ok(AwsJsonStub.namespace("sparkify-test", "DELETING", ROLE_ARN,
                        null)));
        aws.iam().on("GetRole", aws.iam().error(404, "NoSuchEntity", "The role cannot be found."));

        String location = given().when().delete("/infra/cluster")
                .then().statusCode(202).body("type", equalTo("CLUSTER_DELETE"))
                .extract().header("Location");
        JsonPath job = Jobs.await(location);

        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("details.kind")).isEqualTo("serverless");
        assertThat(job.getString("details.workgroup_status")).isEqualTo("deleted");
        assertThat(job.getString("details.namespace_status")).isEqualTo("deleted");
        assertThat(aws.serverless().operations()).containsExactly("GetWorkgroup", "DeleteWorkgroup", "GetWorkgroup",
                "GetNamespace", "DeleteNamespace", "GetNamespace");
    }
}
