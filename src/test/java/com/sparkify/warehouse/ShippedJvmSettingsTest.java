package com.sparkify.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The JVM settings BENCHMARKS.md measures are the ones the service ships with: README's command for the
 * packaged jar, both images, and the benchmark's own start of the service all say the same, and each start
 * that uses a class-data archive has one written by a training start of that same jar path.
 */
class ShippedJvmSettingsTest {

    private static final String HEAP = "-Xmx256m";
    /** A small initial heap: the heap grows with what a run holds instead of being touched whole. */
    private static final String INITIAL_HEAP = "-Xms32m";
    private static final String GC = "-XX:+UseSerialGC";
    private static final String JIT = "-XX:CompileThresholdScaling=4";
    private static final String TRAINING = "-Dsparkify.exit-when-ready=true";
    private static final String IMAGE_ARCHIVE_USE = "-XX:SharedArchiveFile=/deployments/app-cds.jsa";
    private static final String IMAGE_ARCHIVE_WRITE = "-XX:ArchiveClassesAtExit=/deployments/app-cds.jsa";
    private static final String IMAGE_LAUNCHER = "/opt/jboss/container/java/run/run-java.sh";

    @Test
    void shouldRunThePackagedJarWithTheBenchmarkedSettings() throws IOException {
        assertThat(read("README.md")).contains("java " + HEAP + " " + INITIAL_HEAP + " " + GC + " " + JIT
                + " -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa -jar target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void shouldWriteReadmesArchiveFromTheSameJarPathAtPackageTime() throws IOException {
        // an archive serves only the jar path it was written for: README's, from the project's directory
        assertThat(read("pom.xml"))
                .contains("<arg value=\"-XX:ArchiveClassesAtExit=target/quarkus-app/app-cds.jsa\"/>")
                .contains("<arg value=\"" + HEAP + "\"/>")
                .contains("<arg value=\"" + INITIAL_HEAP + "\"/>")
                .contains("<arg value=\"" + GC + "\"/>")
                .contains("<arg value=\"" + JIT + "\"/>")
                .contains("<arg value=\"" + TRAINING + "\"/>")
                .contains("<arg value=\"target/quarkus-app/quarkus-run.jar\"/>")
                .contains("dir=\"${project.basedir}\" failonerror=\"false\"");
    }

    @Test
    void shouldRunBothImagesWithTheBenchmarkedSettings() throws IOException {
        for (String dockerfile : new String[] { "Dockerfile", "src/main/docker/Dockerfile.jvm" }) {
            String text = read(dockerfile);
            // the UBI run script puts GC_CONTAINER_OPTIONS in place of its default parallel collector
            assertThat(text).as(dockerfile).contains("ENV GC_CONTAINER_OPTIONS=\"" + GC + "\"")
                    .contains("ENV JAVA_OPTS_APPEND=\"" + HEAP + " " + INITIAL_HEAP + " " + JIT + " " + IMAGE_ARCHIVE_USE + " ")
                    // written by the image's own launcher with the image's JVM, and never failing the build
                    .contains("RUN JAVA_OPTS_APPEND=\"" + HEAP + " " + INITIAL_HEAP + " " + JIT + " " + IMAGE_ARCHIVE_WRITE + " " + TRAINING)
                    .contains(IMAGE_LAUNCHER + " > /tmp/app-cds-training.log 2>&1 \\\n    || echo")
                    // the package step's one jar and, beside it, the DuckDB libraries it leaves out
                    .contains("target/quarkus-app/quarkus-run.jar /deployments/")
                    .contains("target/quarkus-app/libduckdb_java.so_linux_* /deployments/");
        }
    }

    @Test
    void shouldPackageDuckDbsLinuxLibrariesBesideTheJarInsteadOfInIt() throws IOException {
        assertThat(read("src/main/resources/application.properties"))
                .contains("quarkus.package.jar.type=uber-jar")
                .contains("quarkus.package.output-directory=quarkus-app")
                .contains("quarkus.package.output-name=quarkus-run")
                .contains("quarkus.package.jar.user-configured-ignored-entries="
                        + "libduckdb_java.so_linux_amd64,libduckdb_java.so_linux_arm64");
        assertThat(read("pom.xml")).contains("dest=\"${project.build.directory}/quarkus-app\">")
                .contains("<include name=\"libduckdb_java.so_linux_*\"/>");
    }

    @Test
    void shouldBenchmarkTheServiceAsShipped() throws IOException {
        for (String bench : new String[] { "bench/Bench.java", "bench/Startup.java", "bench/Incremental.java" }) {
            assertThat(read(bench)).as(bench)
                    .contains("SHIPPED_JVM_OPTIONS = List.of(\"" + HEAP + "\", \"" + INITIAL_HEAP + "\", \"" + GC + "\", \""
                            + JIT + "\")")
                    .contains("command.addAll(SHIPPED_JVM_OPTIONS)");
        }
        assertThat(read("bench/Bench.java"))
                .contains("command.add(\"-XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa\")");
        assertThat(read("bench/Startup.java")).contains("ARCHIVE = \"app-cds.jsa\"")
                .contains("\"-XX:SharedArchiveFile=\" + archive").contains("\"" + TRAINING + "\"");
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }
}
