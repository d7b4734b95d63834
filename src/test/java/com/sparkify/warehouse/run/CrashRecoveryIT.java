package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sparkify.warehouse.generator.DirectorySink;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.support.ServiceProcess;

/**
 * {@code kill -9} of the packaged service while an ETL run stages and while it transforms: after a
 * restart the run reads FAILED (interrupted), the star schema is exactly the one loaded before, and a
 * new run gives the same counts as an uninterrupted one.
 */
class CrashRecoveryIT {

    private static Path data;
    private static Path work;

    @BeforeAll
    static void generateData() throws Exception {
        work = Files.createDirectories(Path.of("target/crash-it").toAbsolutePath());
        data = work.resolve("data");
        if (!Files.exists(data.resolve("song_data"))) {
            // Large enough that staging and the transform each take a noticeable time.
            new SampleDataGenerator().generate(GeneratorOptions.builder().songs(3000).users(400).events(600_000)
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

    /** Polls a run until its state satisfies {@code moment}, then kills the service. */
    private static void killWhen(ServiceProcess service, String location, Predicate<JsonNode> moment) throws Exception {
        while (true) {
            JsonNode run = service.json(location);
            if (moment.test(run)) {
                service.kill();
                return;
            }
            assertThat(run.path("status").asText()).as("run ended before the kill").isIn("QUEUED", "RUNNING");
            Thread.sleep(2);
        }
    }

    private void crashAndRecover(String name, Predicate<JsonNode> moment) throws Exception {
        Path dataDir = work.resolve(name);
        Path log = work.resolve(name + ".log");
        Map<String, Long> before;
        String location;
        try (ServiceProcess service = ServiceProcess.start(log, settings(dataDir))) {
            service.await(service.post("/schema/reset"));
            JsonNode first = service.await(service.post("/etl/runs"));
            assertThat(first.path("status").asText()).isEqualTo("SUCCEEDED");
            before = starCounts(service);
            location = service.post("/etl/runs");
            killWhen(service, location, moment);
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
        crashAndRecover("kill-staging",
                run -> run.path("progress").path("rowsStaged").path("staging_events").asLong() > 0);
    }

    @Test
    void shouldRecoverFromAKillWhileTransforming() throws Exception {
        crashAndRecover("kill-transform", run -> {
            for (JsonNode step : run.path("steps")) {
                if (step.path("name").asText().startsWith("load_") && step.path("status").asText().equals("RUNNING")) {
                    return true;
                }
            }
            return false;
        });
    }
}
