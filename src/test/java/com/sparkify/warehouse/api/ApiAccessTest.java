package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.AuthorizedByDefault;
import com.sparkify.warehouse.support.Jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bearer-token access to mutating endpoints; reads stay open by default.
 */
@QuarkusTest
class ApiAccessTest {

    @BeforeEach
    void withoutDefaultToken() {
        AuthorizedByDefault.disable();
    }

    @AfterEach
    void idle() {
        Jobs.awaitIdle();
    }

    @Test
    void shouldRefuseAResetWithoutAToken() {
        given().when().post("/schema/reset")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"sparkify\"")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:unauthorized"))
                .body("detail", equalTo("this request needs an Authorization: Bearer <token> header"));
    }

    @Test
    void shouldRefuseAnEtlRunWithAWrongToken() {
        given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .when().post("/etl/runs")
                .then().statusCode(401)
                .body("detail", equalTo("the bearer token is not valid"));
    }

    @Test
    void shouldRefuseACancelWithoutAToken() {
        given().when().delete("/etl/runs/any").then().statusCode(401);
        given().when().post("/etl/runs/any/cancel").then().statusCode(401);
    }

    @Test
    void shouldProtectClusterAdministrationEvenForReads() {
        given().when().get("/infra/cluster").then().statusCode(401);
        given().when().post("/infra/cluster").then().statusCode(401);
        given().when().delete("/infra/cluster").then().statusCode(401);
    }

    @Test
    void shouldAcceptAResetWithTheToken() {
        given().header("Authorization", "Bearer " + AuthorizedByDefault.TOKEN)
                .when().post("/schema/reset")
                .then().statusCode(202);
    }

    @Test
    void shouldLeaveReadsOpen() {
        given().when().get("/jobs").then().statusCode(200);
        given().when().get("/schema").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldAnswer413ForAnOversizedBody() {
        given().header("Authorization", "Bearer " + AuthorizedByDefault.TOKEN).contentType(ContentType.JSON)
                .body("{\"songData\":\"" + "x".repeat(70_000) + "\"}")
                .when().post("/etl/runs")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:payload-too-large"));
    }

    @Test
    void shouldDeclareTheBearerSchemeInOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/schema/reset'.post.security[0].bearer", equalTo(List.of()));
    }
}
