package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sparkify.warehouse.generator.DirectorySink;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.support.Breakpoints;
import com.sparkify.warehouse.support.ServiceProcess;

/**
 * {@code kill -9} of the packaged service while an ETL run stages and while it transforms: after a
 * restart the run reads FAILED (interrupted), the star schema is exactly the one loaded before, and a
 * new run gives the same counts as an uninterrupted one. The service is held at a breakpoint inside the
 * step and killed there, so the size of the data does not decide whether the kill lands in time.
 */
class CrashRecoveryIT {

    private static Path data;
    private static Path work;

    @BeforeAll
    static void generateData() throws Exception {
        work = Files.createDirectories(Path.of("target/crash-it").toAbsolutePath());
        data = work.resolve("sample");
        if (!Files.exists(data.resolve("song_data"))) {
            new SampleDataGenerator().generate(GeneratorOptions.builder().songs(1000).users(100).events(40_000)
                    .build(), new DirectorySink(data));
        }
    }

    private static Map<String, String> settings(Path dataDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sparkify.data-dir", dataDir.toString());
        s.put("sparkify.source.song-data", data.resolve("song_data").toString());
        s.put("sparkify.source.log-data", data.resolve("log_data").toString());
        s.put("sparkify.source.log-jsonpaths", data.resolve("log_json_path.json").toString());
        return s;
    }

    private static Map<String, Long> starCounts(ServiceProcess service) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode table : service.json("/schema")) {
            counts.put(table.path("name").asText(), table.path("rows").asLong());
        }
        return counts;
    }

    private void crashAndRecover(String name, String className, String method, Predicate<List<Object>> moment)
            throws Exception {
        Path dataDir = work.resolve(name);
        Path log = work.resolve(name + ".log");
        Map<String, Long> before;
        String location;
        try (ServiceProcess service = ServiceProcess.startDebuggable(log, settings(dataDir))) {
            service.await(service.post("/schema/reset"));
            JsonNode first = service.await(service.post("/etl/runs"));
            assertThat(first.path("status").asText()).isEqualTo("SUCCEEDED");
            before = starCounts(service);
            Breakpoints.Stop stop = service.breakpoints().at(className, method, moment);
            location = service.post("/etl/runs");
            // The whole service is held at that call until the kill: no race with the run.
            stop.await(Duration.ofMinutes(2));
            service.kill();
        }
        try (ServiceProcess service = ServiceProcess.start(log, settings(dataDir))) {
            JsonNode interrupted = service.json(location.substring(location.indexOf("/etl/runs/")));
            assertThat(interrupted.path("status").asText()).isEqualTo("FAILED");
            assertThat(interrupted.path("error").asText()).startsWith("interrupted");
            assertThat(starCounts(service)).isEqualTo(before);

            JsonNode again = service.await(service.post("/etl/runs"));

            assertThat(again.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(starCounts(service)).isEqualTo(before);
        }
    }

    @Test
    void shouldRecoverFromAKillWhileStaging() throws Exception {
        // Killed as the loader reports rows of the event logs: staging is under way, nothing is published.
        crashAndRecover("kill-staging", "com.sparkify.warehouse.run.Job$Progress", "rowsStaged",
                args -> args.get(0).equals("staging_events"));
    }

    @Test
    void shouldRecoverFromAKillWhileTransforming() throws Exception {
        // Killed as the second star table starts loading: the first is loaded in the uncommitted transform.
        crashAndRecover("kill-transform", "com.sparkify.warehouse.run.Job", "step",
                args -> args.get(0).equals("load_users"));
    }
}
