package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * {@code sparkify.api.server-url} is read at run time: the document the build stored lists {@code /}, the one
 * served lists the running service's setting, in both formats, and asking again gives the same document.
 */
@QuarkusTest
@TestProfile(OpenApiServerUrlTest.BehindAProxy.class)
class OpenApiServerUrlTest {

    static final String URL = "https://warehouse.example.test/sparkify";

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sparkify.api.server-url", URL);
        }
    }

    private static String document(String format) {
        return given().queryParam("format", format).when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
    }

    @Test
    void shouldListTheRunTimeServerUrl() {
        JsonPath doc = JsonPath.from(document("json"));

        assertThat(doc.getList("servers.url")).containsExactly(URL);
        assertThat(doc.getList("servers.description"))
                .containsExactly("This service (sparkify.api.server-url)");
        assertThat(document("yaml")).contains("servers:\n- url: " + URL + "\n");
    }

    @Test
    void shouldKeepTheRestOfTheBuildTimeFiltering() {
        JsonPath doc = JsonPath.from(document("json"));

        // The open read and its protect-reads 401, added by the filter at build time, once each.
        assertThat(doc.getList("paths.'/jobs'.get.security")).isEqualTo(List.of());
        assertThat(doc.getMap("paths.'/jobs'.get.responses")).containsKey("401");
        assertThat(doc.getString("info.license.identifier")).isEqualTo("LicenseRef-Sparkify-Proprietary");
        assertThat(document("json")).isEqualTo(document("json"));
    }
}
