package com.sparkify.warehouse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training start behind the class-data archive, on the packaged jar: with
 * {@code sparkify.exit-when-ready} the service stops by itself once its readiness probe answers, and
 * README's start takes its classes from the archive the package step wrote.
 */
class ExitWhenReadyIT {

    /** README's path, from the project's directory: the archive serves only the jar path it was written for. */
    private static final String JAR = "target/quarkus-app/quarkus-run.jar";
    private static final Path ARCHIVE = Path.of("target/quarkus-app/app-cds.jsa");

    @TempDir
    Path dir;

    @Test
    void shouldStopByItselfOnceReady() throws Exception {
        Path log = dir.resolve("service.log");
        Process service = start(List.of(), log);

        assertThat(stopped(service)).as("stopped by itself").isTrue();
        assertThat(service.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("sparkify.exit-when-ready: readiness answered 200, stopping");
    }

    @Test
    void shouldStartReadmesCommandFromThePackagedArchive() throws Exception {
        // A package step that could not write the archive leaves none, and the service starts without it.
        assumeTrue(Files.exists(ARCHIVE), "package wrote no class-data archive (target/app-cds-training.log)");
        Path log = dir.resolve("service.log");
        Path classes = dir.resolve("classes.log");
        Process service = start(List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info:file=" + classes),
                log);

        assertThat(stopped(service)).as("stopped by itself").isTrue();
        assertThat(service.exitValue()).isZero();
        assertThat(Files.readString(log)).doesNotContain("Unable to use shared archive");
        // the application's own classes among them
        assertThat(Files.readAllLines(classes)).filteredOn(line -> line.endsWith("source: shared objects file (top)"))
                .anyMatch(line -> line.contains(" com.sparkify.warehouse.health.WarehouseHealthCheck "))
                .hasSizeGreaterThan(1000);
    }

    private static boolean stopped(Process service) throws InterruptedException {
        try {
            return service.waitFor(3, TimeUnit.MINUTES);
        } finally {
            service.destroyForcibly();
        }
    }

    private Process start(List<String> jvmOptions, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-Xms32m", "-XX:+UseSerialGC",
                "-XX:CompileThresholdScaling=4"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dsparkify.exit-when-ready=true", "-Dsparkify.data-dir=" + dir.resolve("data"),
                "-Dsparkify.api.token=it-token", "-Dsparkify.sample.generate-on-start=false",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-jar", JAR));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
