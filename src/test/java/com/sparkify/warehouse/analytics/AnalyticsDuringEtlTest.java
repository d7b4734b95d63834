package com.sparkify.warehouse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * 50 analytics clients while an ETL run replaces the star schema: every answer is a 200 holding either
 * the data committed before the run or the data after it, never a mix, and the run's result is the same
 * as without the load.
 */
@QuarkusTest
class AnalyticsDuringEtlTest {

    @Test
    void shouldKeepAnsweringFromCommittedDataDuringARun() throws Exception {
        Jobs.awaitIdle();
        Jobs.resetSchema();
        Path root = Fixtures.newRoot("concurrent");
        assertThat(Jobs.runEtl(SampleSources.write(root)).getString("status")).isEqualTo("SUCCEEDED");
        String before = given().when().get("/analytics/summary").then().statusCode(200).extract().asString();

        // A second source tree, big enough that the run takes a while: 20,000 plays of one new song.
        Path big = root.resolve("big");
        Fixtures f = new Fixtures(big).song("TRAAA0001", "SOAAA1", "Alpha", "ARA", "Ann Artist", 200.5, 2001);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(Fixtures.event("7", "Gus", "free", "NextSong", "Ann Artist", "Alpha", 200.5, i, 0,
                    SampleSources.T0 + i * 1000L));
        }
        f.events("2018-11-01", lines);

        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> summaries = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<?>> futures = new ArrayList<>();
        String location = Jobs.startEtl(SampleSources.body(big));
        for (int c = 0; c < 50; c++) {
            int client = c;
            futures.add(clients.submit(() -> {
                int requests = 0;
                while ((running.get() || requests == 0) && requests < 400) {
                    String path = client % 2 == 0 ? "/analytics/summary" : "/analytics/top-songs";
                    var response = given().when().get(path).then().extract();
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (path.endsWith("summary")) {
                        summaries.add(response.asString());
                    }
                    requests++;
                }
                return null;
            }));
        }
        JsonPath run = Jobs.await(location);
        running.set(false);
        for (Future<?> future : futures) {
            future.get();
        }
        clients.shutdown();
        String after = given().when().get("/analytics/summary").then().statusCode(200).extract().asString();

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getMap("tableCounts")).containsEntry("songplays", 20_000).containsEntry("staging_events", 20_000);
        assertThat(statuses.keySet()).containsOnly(200);
        // Row counts only ever show the old or the new warehouse.
        assertThat(summaries.stream().map(AnalyticsDuringEtlTest::counts).distinct())
                .isSubsetOf(counts(before), counts(after));
    }

    /** The summary without its run id and time, which a run changes along with the counts. */
    private static String counts(String summary) {
        JsonPath json = new JsonPath(summary);
        return json.getString("[0].songplays") + "/" + json.getString("[0].users") + "/" + json.getString("[0].time");
    }
}
