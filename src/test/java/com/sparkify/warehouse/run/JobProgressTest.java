package com.sparkify.warehouse.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;

/**
 * A run's progress: percent and ETA are not known while the sources are still being listed, then follow
 * the bytes read against the bytes listed.
 */
class JobProgressTest {

    @Test
    void shouldSayPercentAndEtaAreNotKnownWhileListingRuns() {
        Job job = Job.detached(JobType.ETL_RUN);
        // Some objects of a first prefix listed and even read: the total is still unknown.
        job.progress().listed(List.of(new SourceObject("a.json", 300)));
        job.progress().objectDone(300);

        JobRecord.Progress during = job.view().progress();

        assertThat(during.percent()).isNull();
        assertThat(during.etaMs()).isNull();
        assertThat(during.objectsListed()).isEqualTo(1);
        assertThat(during.objectsDone()).isEqualTo(1);
    }

    @Test
    void shouldSayPercentIsNotKnownWhileTheListingRunsAlthoughLoadingStarted() {
        Job job = Job.detached(JobType.ETL_RUN);
        // As a run does: the staging phase starts, then the listing, whose first pages are read at once.
        job.progress().phase(0, 90);
        job.listingStarted();
        job.listed(List.of(new SourceObject("a.json", 300), new SourceObject("b.json", 100)));
        job.objectDone(300);

        JobRecord.Progress during = job.view().progress();

        assertThat(during.percent()).isNull();
        assertThat(during.etaMs()).isNull();
        assertThat(during.objectsDone()).isEqualTo(1);
        assertThat(during.bytesListed()).isEqualTo(400);

        job.listed(List.of(new SourceObject("c.json", 600)));
        job.listingEnded();

        // 300 of 1,000 bytes in a phase spanning 0-90 %: 27 %.
        assertThat(job.view().progress().percent()).isEqualTo(27.0);
    }

    @Test
    void shouldGivePercentOfTheListedBytesOnceTheListingEnded() {
        Job job = Job.detached(JobType.ETL_RUN);
        job.progress().listed(List.of(new SourceObject("a.json", 300), new SourceObject("b.json", 100),
                new SourceObject("c.json", 600)));
        job.progress().phase(0, 90);
        job.progress().objectDone(300);
        job.progress().objectDone(100);

        JobRecord.Progress progress = job.view().progress();

        // 400 of 1,000 bytes in a phase spanning 0-90 %: 36 %.
        assertThat(progress.percent()).isEqualTo(36.0);
        assertThat(progress.objectsDone()).isEqualTo(2);
        assertThat(progress.bytesDone()).isEqualTo(400);
    }

    @Test
    void shouldKeepWhatEachLocationListedForTheLedgerWhileCountingIt() {
        Job job = Job.detached(JobType.ETL_RUN);
        SourceLocation songs = new SourceLocation.Local(java.nio.file.Path.of("/data/song_data"));
        SourceLocation logs = new SourceLocation.Local(java.nio.file.Path.of("/data/log_data"));
        SourceObject a = new SourceObject("A/a.json", 300);
        SourceObject b = new SourceObject("A/b.json", 100);
        SourceObject day = new SourceObject("2018-11-01-events.json", 600);
        List<SourceObject> page = new java.util.ArrayList<>(List.of(a));

        job.listed(songs, page);
        page.add(b); // the stager's page may change after it reported it
        job.listed(logs, List.of(day));
        job.listed(songs, List.of(b));

        assertThat(job.listings()).containsExactly(new Job.Listing(songs, List.of(a)),
                new Job.Listing(logs, List.of(day)), new Job.Listing(songs, List.of(b)));
        assertThat(job.view().progress().objectsListed()).isEqualTo(3);
        assertThat(job.view().progress().bytesListed()).isEqualTo(300 + 600 + 100);

        job.finished(JobStatus.SUCCEEDED, null, java.time.Instant.now());

        assertThat(job.listings()).isEmpty();
        assertThat(job.view().progress().objectsListed()).isEqualTo(3);
    }
}
