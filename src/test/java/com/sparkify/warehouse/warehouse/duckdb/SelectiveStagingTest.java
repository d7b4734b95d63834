package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobStatus;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.LocalObjectSource;
import com.sparkify.warehouse.source.ObjectFeed;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SelectedObjects;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.warehouse.LoadFailure;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staging an incremental run's selection while its song files are still being chosen: the chosen event
 * logs are staged first, the song files once the choice is complete, and a choice that fails leaves the
 * staging tables as they were.
 */
@QuarkusTest
class SelectiveStagingTest {

    @Inject
    Warehouse warehouse;

    @Inject
    WarehouseQueries queries;

    @BeforeEach
    void schema() {
        Jobs.awaitIdle();
        Jobs.resetSchema();
    }

    @Test
    void shouldStageTheEventLogsWhileTheSongFilesAreChosenAndTheSongFilesAfter() throws Exception {
        Path root = Fixtures.newRoot("selective-staging");
        SampleSources.write(root);
        EtlSources sources = EtlSources.local(root.toAbsolutePath());
        List<SourceObject> songs = new LocalObjectSource(root.resolve("song_data")).list();
        ObjectSource.Listing logs = new LocalObjectSource(root.resolve("log_data")).listing();
        assertThat(songs).hasSize(4);
        ObjectFeed chosen = new ObjectFeed();
        CompletableFuture<List<String>> leftOut = new CompletableFuture<>();
        Job job = Job.detached(JobType.ETL_RUN);

        // Three of the four song files are chosen only once the event logs are staged.
        CompletableFuture<Void> choosing = CompletableFuture.runAsync(() -> {
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(job, "stage_events"));
                assertThat(step(job, "stage_songs")).isNull();
            } catch (RuntimeException | AssertionError e) {
                chosen.fail(new LoadFailure("the event logs were not staged while the song files were chosen"));
                throw e;
            }
            chosen.add(songs.subList(0, 2));
            chosen.add(songs.subList(2, 3));
            leftOut.complete(List.of("song_data/readme.txt"));
            chosen.end();
        });
        warehouse.stage(sources.selecting(new SelectedObjects(chosen, leftOut, () -> { }), logs), job);
        choosing.join();

        assertThat(queries.single("SELECT COUNT(*) FROM staging_songs")).isEqualTo(3);
        assertThat(queries.single("SELECT COUNT(*) FROM staging_events")).isEqualTo(8);
        assertThat(step(job, "stage_songs").rows()).isEqualTo(3L);
        assertThat(job.view().progress().objectsListed()).isEqualTo(3 + logs.objects().size());
    }

    @Test
    void shouldKeepTheStagedRowsWhenTheChoiceFails() throws Exception {
        Path root = Fixtures.newRoot("selective-staging-failed");
        SampleSources.write(root);
        EtlSources sources = EtlSources.local(root.toAbsolutePath());
        warehouse.stage(sources, Job.detached(JobType.ETL_RUN));
        ObjectFeed chosen = new ObjectFeed();
        chosen.add(new LocalObjectSource(root.resolve("song_data")).list().subList(0, 1));
        chosen.fail(new LoadFailure("the ledger could not be read"));
        ObjectSource.Listing logs = new LocalObjectSource(root.resolve("log_data")).listing();

        assertThatThrownBy(() -> warehouse.stage(sources.selecting(new SelectedObjects(chosen,
                CompletableFuture.completedFuture(List.of()), () -> { }), logs), Job.detached(JobType.ETL_RUN)))
                .isInstanceOf(LoadFailure.class).hasMessage("the ledger could not be read");

        assertThat(queries.single("SELECT COUNT(*) FROM staging_songs")).isEqualTo(4);
        assertThat(queries.single("SELECT COUNT(*) FROM staging_events")).isEqualTo(8);
    }

    private static JobRecord.Step step(Job job, String name) {
        return job.view().steps().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static boolean succeeded(Job job, String name) {
        JobRecord.Step step = step(job, name);
        return step != null && step.status() == JobStatus.SUCCEEDED;
    }
}
