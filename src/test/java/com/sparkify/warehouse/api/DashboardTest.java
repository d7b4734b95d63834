package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard's static files at {@code /}: served without a token, and self-contained (no CDN). What the
 * page does in a browser is {@link DashboardBrowserIT}'s job.
 */
@QuarkusTest
class DashboardTest {

    private static final Path STATIC = Path.of("src/main/resources/META-INF/resources");
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[^\\s\"'`)]*",
            Pattern.CASE_INSENSITIVE);
    /** XML namespaces are names, not downloads. */
    private static final List<String> NAMESPACES = List.of("http://www.w3.org/2000/svg");

    @Test
    void shouldServeTheDashboardAtTheRoot() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>Sparkify Warehouse</title>"))
                .body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"));
    }

    @Test
    void shouldServeScriptsAsModulesAndTheStylesheet() {
        for (String module : List.of("main", "api", "runs", "analytics", "charts", "dom", "format")) {
            given().when().get("/js/" + module + ".js")
                    .then().statusCode(200)
                    .contentType(startsWith("text/javascript"));
        }
        given().when().get("/css/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void shouldReferToNothingOutsideTheService() throws IOException {
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher url = ABSOLUTE_URL.matcher(Files.readString(file));
                while (url.find()) {
                    assertThat(NAMESPACES).as("%s refers to %s", file, url.group()).contains(url.group());
                }
            }
        }
    }
}
