package com.sparkify.warehouse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling and output of the generate command line. */
class GenerateCommandTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void generatesIntoADirectoryAndPrintsASummary(@TempDir Path dir) {
        int code = GenerateCommand.run(new String[] {"generate", "--out", dir.toString(), "--seed", "3",
            "--songs", "30", "--users", "10", "--days", "3", "--events=400", "--start-date", "2019-01-30"}, out);

        assertThat(code).isEqualTo(GenerateCommand.OK);
        assertThat(printed())
                .contains("30 song files", "400 events", "3 daily files", "2019-01-30 to 2019-02-01", "seed 3")
                .contains(dir.toString());
        assertThat(dir.resolve("log_json_path.json")).exists();
        assertThat(dir.resolve("log_data/2019/02/2019-02-01-events.json")).exists();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(GenerateCommand.run(new String[] {"--help"}, out)).isEqualTo(GenerateCommand.OK);
        assertThat(printed()).startsWith("usage: generate").contains("--unmatched-share");
    }

    @Test
    void badNumberIsReportedWithItsOption(@TempDir Path dir) {
        assertUsageError(new String[] {"--out", dir.toString(), "--songs", "many"}, "--songs", "many");
        assertUsageError(new String[] {"--out", dir.toString(), "--events", "-5"}, "--events", "at least 0");
        assertUsageError(new String[] {"--out", dir.toString(), "--users", "0"}, "--users");
        assertUsageError(new String[] {"--out", dir.toString(), "--unmatched-share", "1.5"}, "--unmatched-share");
        assertUsageError(new String[] {"--out", dir.toString(), "--start-date", "2018-13-01"}, "--start-date");
        assertUsageError(new String[] {"--out", dir.toString(), "--songs", "10", "--artists", "11"}, "--artists");
        assertThat(Files.exists(dir.resolve("song_data"))).isFalse();
    }

    @Test
    void commandLineMistakesAreReported(@TempDir Path dir) {
        assertUsageError(new String[] {"--out", dir.toString(), "--colour", "red"}, "unknown argument --colour");
        assertUsageError(new String[] {"--out"}, "--out needs a value");
        assertUsageError(new String[] {"--seed", "1"}, "--out", "--s3");
        assertUsageError(new String[] {"--out", dir.toString(), "--s3", "s3://bucket/raw"}, "exactly one");
        assertUsageError(new String[] {"--out", dir.toString(), "--endpoint", "http://localhost:9000"}, "--endpoint");
        assertUsageError(new String[] {"--s3", "http://bucket/raw"}, "--s3");
        assertUsageError(new String[] {"--s3", "s3://bucket/raw", "--endpoint", "localhost:9000"}, "--endpoint");
        assertUsageError(new String[] {"--out", dir.toString(), "--seed", "1", "--seed", "2"}, "--seed is given twice");
        assertUsageError(new String[] {"--out", dir.toString(), "--path-style=yes"}, "--path-style");
    }

    private void assertUsageError(String[] args, String... expectedInMessage) {
        output.reset();
        assertThat(GenerateCommand.run(args, out)).as(String.join(" ", args)).isEqualTo(GenerateCommand.USAGE);
        String firstLine = printed().lines().findFirst().orElse("");
        assertThat(firstLine).startsWith("generate: ").contains(expectedInMessage);
        assertThat(printed()).contains("usage: generate");
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
