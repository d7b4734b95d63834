package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.LocalObjectSource;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.warehouse.Warehouse;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staging an incremental run's selection: only the chosen song files and event logs are staged and
 * counted as listed, and a kind with none chosen stages an empty table.
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
    void shouldStageOnlyTheChosenObjects() throws Exception {
        Path root = Fixtures.newRoot("selective-staging");
        SampleSources.write(root);
        EtlSources sources = EtlSources.local(root.toAbsolutePath());
        List<SourceObject> songs = new LocalObjectSource(root.resolve("song_data")).list();
        ObjectSource.Listing logs = new LocalObjectSource(root.resolve("log_data")).listing();
        assertThat(songs).hasSize(4);
        Job job = Job.detached(JobType.ETL_RUN);

        warehouse.stage(sources.selecting(new ObjectSource.Listing(songs.subList(0, 3), List.of()), logs), job);

        assertThat(queries.single("SELECT COUNT(*) FROM staging_songs")).isEqualTo(3);
        assertThat(queries.single("SELECT COUNT(*) FROM staging_events")).isEqualTo(8);
        assertThat(step(job, "stage_songs").rows()).isEqualTo(3L);
        assertThat(job.view().progress().objectsListed()).isEqualTo(3 + logs.objects().size());
    }

    @Test
    void shouldStageNoSongFilesWhenNoneWasChosen() throws Exception {
        Path root = Fixtures.newRoot("selective-staging-none");
        SampleSources.write(root);
        EtlSources sources = EtlSources.local(root.toAbsolutePath());
        warehouse.stage(sources, Job.detached(JobType.ETL_RUN));
        ObjectSource.Listing logs = new LocalObjectSource(root.resolve("log_data")).listing();

        warehouse.stage(sources.selecting(new ObjectSource.Listing(List.of(), List.of()), logs),
                Job.detached(JobType.ETL_RUN));

        assertThat(queries.single("SELECT COUNT(*) FROM staging_songs")).isEqualTo(0);
        assertThat(queries.single("SELECT COUNT(*) FROM staging_events")).isEqualTo(8);
    }

    private static JobRecord.Step step(Job job, String name) {
        return job.view().steps().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
