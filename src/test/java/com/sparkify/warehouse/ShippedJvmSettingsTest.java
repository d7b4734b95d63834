package com.sparkify.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The JVM settings BENCHMARKS.md measures are the ones the service ships with: README's command for the
 * packaged jar, both images, and the benchmark's own start of the service all say the same.
 */
class ShippedJvmSettingsTest {

    private static final String HEAP = "-Xmx256m";
    private static final String GC = "-XX:+UseSerialGC";

    @Test
    void shouldRunThePackagedJarWithTheBenchmarkedSettings() throws IOException {
        assertThat(read("README.md")).contains("java " + HEAP + " " + GC + " -jar target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void shouldRunBothImagesWithTheBenchmarkedSettings() throws IOException {
        for (String dockerfile : new String[] { "Dockerfile", "src/main/docker/Dockerfile.jvm" }) {
            String text = read(dockerfile);
            // the UBI run script puts GC_CONTAINER_OPTIONS in place of its default parallel collector
            assertThat(text).as(dockerfile).contains("ENV GC_CONTAINER_OPTIONS=\"" + GC + "\"")
                    .containsPattern("ENV JAVA_OPTS_APPEND=\"" + HEAP + " ");
        }
    }

    @Test
    void shouldBenchmarkTheServiceAsShipped() throws IOException {
        for (String bench : new String[] { "bench/Bench.java", "bench/Startup.java" }) {
            assertThat(read(bench)).as(bench)
                    .contains("SHIPPED_JVM_OPTIONS = List.of(\"" + HEAP + "\", \"" + GC + "\")")
                    .contains("command.addAll(SHIPPED_JVM_OPTIONS)");
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }
}
