package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A loader thread's appender commits a chunk of rows at a time: one log file of many chunks loads
 * every line once, and a run that fails after chunks of it were committed still keeps the staging data
 * of the run before.
 */
@QuarkusTest
@TestProfile(DuckDbStagerLoadErrorsTest.TwoErrorsAllowed.class)
class DuckDbStagerLargeFileTest {

    /** Ten appender chunks (DuckDB's 2,048-row vectors) and part of an eleventh, all in one file. */
    private static final int PLAYS = 10 * 2_048 + 100;
    private static final String BIG_LOG = "log_data/2018/11/2018-11-05-events.json";

    @Inject
    WarehouseQueries warehouse;

    private Path root;

    @BeforeEach
    void fixtures() throws Exception {
        Jobs.awaitIdle();
        root = Fixtures.newRoot("large-file");
        SampleSources.write(root);
        Jobs.resetSchema();
    }

    @Test
    void shouldLoadEveryLineOfAFileOfManyChunksOnce() {
        new Fixtures(root).write(BIG_LOG, String.join("\n", plays()));

        JsonPath run = Jobs.runEtl(SampleSources.body(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("tableCounts.staging_events")).isEqualTo(8 + PLAYS);
        // Items 0..PLAYS-1 once each: a chunk lost or appended twice changes the sum or the count.
        assertThat(warehouse.single("SELECT SUM(item_in_session) FROM staging_events WHERE session_id = 77"))
                .isEqualTo((long) PLAYS * (PLAYS - 1) / 2);
        assertThat(warehouse.single("SELECT COUNT(DISTINCT item_in_session) FROM staging_events WHERE session_id = 77"))
                .isEqualTo(PLAYS);
        // Every play is of Gamma (SOCCC3), which none of the eight sample events plays.
        assertThat(warehouse.single("SELECT COUNT(*) FROM songplays WHERE song_id = 'SOCCC3'")).isEqualTo(PLAYS);
        assertThat(warehouse.count("songplays")).isEqualTo(6 + PLAYS);
    }

    @Test
    void shouldKeepThePreviousStagingDataWhenARunFailsAfterCommittedChunks() {
        assertThat(Jobs.runEtl(SampleSources.body(root)).getString("status")).isEqualTo("SUCCEEDED");
        List<String> lines = plays();
        lines.addAll(List.of("not JSON 1", "not JSON 2", "not JSON 3"));
        new Fixtures(root).write(BIG_LOG, String.join("\n", lines));

        JsonPath run = Jobs.runEtl(SampleSources.body(root));

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("staging_events: 3 bad records exceed sparkify.etl.max-errors=2");
        assertThat(run.getList("loadErrors.line", Integer.class)).containsExactly(PLAYS + 1, PLAYS + 2, PLAYS + 3);
        assertThat(warehouse.count("staging_events")).isEqualTo(8);
        assertThat(warehouse.count("staging_songs")).isEqualTo(4);
        assertThat(warehouse.count("songplays")).isEqualTo(6);
    }

    /** User 30's plays of Gamma in session 77, one a second from 2018-11-05. */
    private static List<String> plays() {
        long start = SampleSources.T1 + 3 * 24 * 60 * SampleSources.MINUTE;
        List<String> lines = new ArrayList<>(PLAYS + 3);
        for (int i = 0; i < PLAYS; i++) {
            lines.add(Fixtures.event("30", "Cy", "paid", "NextSong", "Cleo", "Gamma", 150.0, 77, i, start + 1000L * i));
        }
        return lines;
    }
}
