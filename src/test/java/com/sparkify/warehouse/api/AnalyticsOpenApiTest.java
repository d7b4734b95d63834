package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document describes every analytics endpoint: its parameters, the JSON schema with an
 * example of real data, CSV, and the 304/400/409 answers.
 */
@QuarkusTest
class AnalyticsOpenApiTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "top-songs        | limit from to level",
        "top-artists      | limit from to level",
        "active-users     | limit from to level",
        "plays-by-hour    | from to level",
        "plays-by-weekday | from to level",
        "levels           | from to",
        "top-locations    | limit from to level",
        "user-agents      | from to level",
        "summary          | ''",
    })
    @SuppressWarnings("unchecked")
    void shouldDocumentEndpoint(String endpoint, String parameters) {
        Map<String, Object> operation = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath()
                .getMap("paths.'/analytics/" + endpoint + "'.get");

        assertThat((String) operation.get("description")).isNotBlank();
        List<Map<String, Object>> documented = (List<Map<String, Object>>) operation.getOrDefault("parameters",
                List.of());
        assertThat(documented).extracting(p -> p.get("name"))
                .containsExactlyInAnyOrder((Object[]) (parameters.isEmpty() ? new String[0] : parameters.split(" ")));
        assertThat(documented).allSatisfy(p -> assertThat((String) p.get("description")).isNotBlank());

        Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
        assertThat(responses).containsKeys("200", "304", "409");
        if (!parameters.isEmpty()) {
            assertThat(responses).containsKey("400");
        }
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) responses.get("200")).get("content");
        assertThat(content).containsKeys("application/json", "text/csv");
        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
        assertThat(json).containsKeys("schema", "examples");
    }
}
