package com.sparkify.warehouse.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.run.EtlRequest;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobView;

/**
 * Writes and reads a job the way the API and the job history do, before the service reports ready.
 * Jackson builds its serializers on first use (some 200 classes loaded), and the JVM replaces the record
 * accessors Jackson calls by reflection with generated classes after 15 calls; left to the first run's
 * status polls, that class loading and the JIT work it set off took CPU from the run.
 */
@ApplicationScoped
public class JsonWarmUp {

    /** More than the JVM's reflection inflation threshold (15 calls per accessor). */
    static final int ROUNDS = 20;

    private final ObjectMapper json;

    public JsonWarmUp(ObjectMapper json) {
        this.json = json;
    }

    /** Round-trips {@link #sample()} and reads a run request, {@link #ROUNDS} times. */
    public void run() throws IOException {
        JobView job = sample();
        for (int i = 0; i < ROUNDS; i++) {
            json.readValue(json.writeValueAsBytes(job), JobView.class);
            json.readValue(Examples.ETL_REQUEST, EtlRequest.class);
        }
    }

    /** An ETL run with every part of the view filled in, so that every serializer is built. */
    static JobView sample() {
        Instant at = Instant.parse("2026-11-27T09:01:00Z");
        return new JobView("warm-up", JobType.ETL_RUN, JobStatus.FAILED, at, at, at, 0L, "warm-up",
                Map.of("songData", "file:///song_data"),
                List.of(new JobView.Step("stage_events", JobStatus.FAILED, at, at, 0L, 0L)),
                new JobView.Progress(1, 1, 1, 1, Map.of("staging_events", 0L), 100.0, 0L),
                List.of(new JobView.LoadError("staging_events", "log_data/events.json", 1, "ts", "not a number", "{}")),
                1L,
                List.of(new JobView.Check("songplays_not_empty", false, "1 empty table")),
                Map.of("songplays", 0L),
                Map.of("staging_events_reader", "duckdb"));
    }
}
