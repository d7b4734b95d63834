package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.AuthorizedByDefault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code sparkify.api.protect-reads=true}: reads need the token too; health, OpenAPI and the dashboard's files
 * stay open.
 */
@QuarkusTest
@TestProfile(ProtectedReadsTest.ProtectReads.class)
class ProtectedReadsTest {

    public static class ProtectReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sparkify.api.protect-reads", "true");
        }
    }

    @BeforeEach
    void withoutDefaultToken() {
        AuthorizedByDefault.disable();
    }

    @Test
    void shouldRefuseReadsWithoutAToken() {
        for (String path : new String[] { "/jobs", "/schema", "/etl/runs", "/analytics/summary",
                "/analytics/top-songs?limit=5" }) {
            given().when().get(path)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer realm=\"sparkify\"")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:sparkify:problem:unauthorized"))
                    .body("instance", equalTo(path.replaceAll("\\?.*", "")))
                    .body("detail", equalTo("this request needs an Authorization: Bearer <token> header"));
        }
    }

    @Test
    void shouldRefuseReadsWithAWrongToken() {
        given().header("Authorization", "Bearer not-the-token").when().get("/jobs")
                .then().statusCode(401).body("detail", equalTo("the bearer token is not valid"));
    }

    @Test
    void shouldAnswerReadsWithTheToken() {
        given().header("Authorization", "Bearer " + AuthorizedByDefault.TOKEN).when().get("/jobs")
                .then().statusCode(200);
    }

    @Test
    void shouldLeaveOperationsAndTheDashboardOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/").then().statusCode(200);
    }
}
