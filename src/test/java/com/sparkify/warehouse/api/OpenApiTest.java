package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document describes every endpoint with its response codes, and Swagger UI is served.
 */
@QuarkusTest
class OpenApiTest {

    private JsonPath document() {
        return given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldListEveryEndpointWithItsResponseCodes() {
        JsonPath doc = document();

        Map<String, Map<String, Object>> expected = Map.of(
                "/schema/reset", Map.of("post", new String[] { "202", "409" }),
                "/schema", Map.of("get", new String[] { "200" }),
                "/jobs", Map.of("get", new String[] { "200", "400" }),
                "/jobs/{id}", Map.of("get", new String[] { "200", "404" }),
                "/etl/runs", Map.of("post", new String[] { "202", "400", "409" }, "get", new String[] { "200", "400" }),
                "/etl/runs/{id}", Map.of("get", new String[] { "200", "404" }, "delete", new String[] { "202", "404" }),
                "/etl/runs/{id}/cancel", Map.of("post", new String[] { "202", "404" }));
        expected.forEach((path, operations) -> operations.forEach((method, codes) -> {
            Map<String, Object> responses = doc.getMap("paths.'" + path + "'." + method + ".responses");
            assertThat(responses).as(method + " " + path).containsKeys((String[]) codes);
            assertThat(doc.getString("paths.'" + path + "'." + method + ".summary")).as(method + " " + path)
                    .isNotBlank();
        }));
    }

    @Test
    void shouldDocumentProblemResponsesAsProblemJson() {
        JsonPath doc = document();

        assertThat(doc.getMap("paths.'/schema/reset'.post.responses.'409'.content"))
                .containsKey("application/problem+json");
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status",
                "detail", "instance");
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
