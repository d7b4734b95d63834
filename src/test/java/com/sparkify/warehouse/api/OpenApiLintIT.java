package com.sparkify.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.support.BrowserTools;

/**
 * The OpenAPI document the build stored ({@code target/openapi/openapi.yaml}) under Redocly CLI's
 * recommended rules ({@code src/test/openapi/redocly.yaml}), as API users lint it: no error and no warning
 * (a warning that must stay would be switched off there with its reason). Needs Node.js, like the browser
 * test: skipped without it, except in CI ({@code CI=true}).
 */
class OpenApiLintIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path LINT = PROJECT.resolve("src/test/openapi");
    private static final Path DOCUMENT = PROJECT.resolve("target/openapi/openapi.yaml");

    @Test
    void shouldPassRedoclysRecommendedRules() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Assumptions.assumeTrue(ci || BrowserTools.nodeAvailable(), "Node.js is not installed: OpenAPI lint skipped");
        assertThat(DOCUMENT).as("stored by quarkus.smallrye-openapi.store-schema-directory").isRegularFile();
        BrowserTools.npmCi(LINT);

        Path report = PROJECT.resolve("target/openapi-lint.json");
        Process lint = new ProcessBuilder(List.of("npx", "--no-install", "redocly", "lint", "--config",
                "redocly.yaml", "--format", "json", DOCUMENT.toString()))
                .directory(LINT.toFile())
                .redirectOutput(report.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();

        JsonNode result = new ObjectMapper().readTree(Files.readString(report));
        assertThat(problems(result)).as("Redocly's findings (full report: %s)", report).isEmpty();
        assertThat(result.path("totals").path("errors").asInt(-1)).isZero();
        assertThat(result.path("totals").path("warnings").asInt(-1)).isZero();
        assertThat(lint.exitValue()).isZero();
    }

    private static List<String> problems(JsonNode result) {
        return result.path("problems").findValues("message").stream().map(JsonNode::asText).toList();
    }

}
