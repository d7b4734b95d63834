package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    void shouldNameEveryOperationOnce() {
        JsonPath doc = document();
        List<String> ids = new ArrayList<>();
        operations(doc).forEach((where, operation) -> {
            assertThat(operation.get("operationId")).as(where).isInstanceOf(String.class);
            assertThat((String) operation.get("description")).as(where + " description").isNotBlank();
            ids.add((String) operation.get("operationId"));
        });

        assertThat(ids).hasSize(23).doesNotHaveDuplicates()
                .contains("resetSchema", "startEtlRun", "getEtlRun", "topSongs", "createCluster", "listLedger",
                        "getEtlSchedule");
    }

    @Test
    void shouldDeclareWhichOperationsNeedTheToken() {
        JsonPath doc = document();
        // What the default configuration asks (protect-reads off): writes and /infra need it, reads do not.
        Set<String> protectedOperations = Set.of("post /schema/reset", "post /etl/runs", "delete /etl/runs/{id}",
                "post /etl/runs/{id}/cancel", "post /infra/cluster", "get /infra/cluster", "delete /infra/cluster");

        operations(doc).forEach((where, operation) -> assertThat(operation.get("security")).as(where)
                .isEqualTo(protectedOperations.contains(where) ? List.of(Map.of("bearer", List.of())) : List.of()));
        assertThat(doc.getString("components.securitySchemes.bearer.description")).contains("protect-reads");
    }

    @Test
    void shouldListTheServerAndTheLicense() {
        JsonPath doc = document();

        assertThat(doc.getList("servers.url")).containsExactly("/");
        assertThat(doc.getMap("paths.'/infra/cluster'.get.responses.'200'.content.'application/json'.examples"))
                .containsKey("available");
        assertThat(doc.getString("info.license.name")).isNotBlank();
    }

    /** "method path" to operation, for every operation of the document. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations(JsonPath doc) {
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> map && map.containsKey("responses")) {
                operations.put(method + " " + path, (Map<String, Object>) map);
            }
        }));
        return operations;
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
