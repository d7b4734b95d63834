package com.sparkify.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.sparkify.warehouse.support.BrowserTools;
import com.sparkify.warehouse.support.ServiceProcess;
import com.sparkify.warehouse.support.SampleSources;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard at {@code /} end to end: the packaged service loads the hand-made sources of
 * {@link SampleSources} while {@code src/test/browser/dashboard.test.mjs} (node's test runner, playwright-core,
 * Debian's headless Chromium) drives the page. Run by Failsafe in {@code ./mvnw verify}; skipped with
 * {@code -DskipBrowserTests}, and with one line saying how to run it where no Chromium is found (it is
 * installed only with {@code -DinstallBrowser=true}, which {@code .ci/run} passes). Screenshots land in {@code target/browser-screenshots}.
 */
class DashboardBrowserIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path BROWSER_TESTS = PROJECT.resolve("src/test/browser");
    private static final Path WORK = PROJECT.resolve("target/browser-it");
    private static final Path SCREENSHOTS = PROJECT.resolve("target/browser-screenshots");
    private static final String TOKEN = "test-token";

    @Test
    void shouldStartARunAndDrawItsNumbersInTheBrowser() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("skipBrowserTests"), "browser tests skipped (-DskipBrowserTests)");
        // A newcomer's machine may have only Java: skip there, but never in CI, where the tools must be.
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Assumptions.assumeTrue(ci || BrowserTools.nodeAvailable(), "Node.js is not installed: browser test skipped");
        Optional<Path> found = BrowserTools.chromium();
        if (found.isEmpty()) {
            Assertions.assertFalse(ci, BrowserTools.HOW_TO_RUN);
            System.out.println(BrowserTools.HOW_TO_RUN);
            Assumptions.abort(BrowserTools.HOW_TO_RUN);
        }
        Path chromium = found.get();
        BrowserTools.npmCi(BROWSER_TESTS);
        Path data = emptyDirectory(WORK.resolve("data"));
        emptyDirectory(SCREENSHOTS);
        Path sources = data.resolve("sources");
        SampleSources.write(sources);

        // The jar runs its production profile, as deployed; only what the test needs is overridden.
        Map<String, String> properties = Map.of(
                "sparkify.data-dir", data.toString(),
                "sparkify.api.token", TOKEN,
                "sparkify.sample.generate-on-start", "false",
                "sparkify.source.song-data", sources.resolve("song_data").toString(),
                "sparkify.source.log-data", sources.resolve("log_data").toString(),
                "sparkify.source.log-jsonpaths", sources.resolve("log_json_path.json").toString());
        try (ServiceProcess service = ServiceProcess.start(WORK.resolve("service.log"), properties)) {
            int exit = BrowserTools.run(List.of("node", "--test", "--test-reporter=spec", "dashboard.test.mjs"),
                    BROWSER_TESTS, Map.of(
                            "DASHBOARD_URL", service.baseUri(),
                            "API_TOKEN", TOKEN,
                            "CHROMIUM_PATH", chromium.toString(),
                            "SCREENSHOT_DIR", SCREENSHOTS.toString()),
                    10);
            assertThat(exit)
                    .as("node --test in %s failed; screenshots in %s, service log in %s",
                            BROWSER_TESTS, SCREENSHOTS, WORK.resolve("service.log"))
                    .isZero();
        }
    }

    private static Path emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
