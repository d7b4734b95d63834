package com.sparkify.warehouse.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The job registry: one mutating job at a time, status transitions, and recovery after a restart.
 * A job held on a latch stands in for a long reset so the timing is under the test's control.
 */
@QuarkusTest
class JobServiceTest {

    @Inject
    JobService jobs;

    @Inject
    JobStore store;

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    @BeforeEach
    void idle() {
        Jobs.awaitIdle();
    }

    @AfterEach
    void releaseHeldJob() {
        release.countDown();
        Jobs.awaitIdle();
    }

    private JobRecord holdWarehouse() throws InterruptedException {
        JobRecord held = jobs.submit(JobType.SCHEMA_RESET, null, job -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    @Test
    void shouldRefuseASecondResetWhileOneRunsNamingTheRunningJob() throws Exception {
        JobRecord held = holdWarehouse();

        given().when().post("/schema/reset")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:job-conflict"))
                .body("jobId", equalTo(held.id()))
                .body("location", endsWith("/jobs/" + held.id()));
    }

    @Test
    void shouldRefuseAnEtlRunWhileAResetRuns() throws Exception {
        JobRecord held = holdWarehouse();

        given().contentType(ContentType.JSON).when().post("/etl/runs")
                .then().statusCode(409)
                .body("jobId", equalTo(held.id()));
    }

    @Test
    void shouldWalkFromRunningToSucceeded() throws Exception {
        JobRecord held = holdWarehouse();
        given().when().get("/jobs/" + held.id()).then().statusCode(200).body("status", equalTo("RUNNING"));

        release.countDown();
        JsonPath done = Jobs.await("/jobs/" + held.id());

        assertThat(held.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(done.getString("finishedAt")))
                .isAfterOrEqualTo(Instant.parse(done.getString("startedAt")));
    }

    @Test
    void shouldAcceptANewJobOnceTheRunningOneEnded() throws Exception {
        holdWarehouse();
        release.countDown();
        Jobs.awaitIdle();

        JsonPath reset = Jobs.resetSchema();

        assertThat(reset.getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldReportAFailureWithAReadableError() {
        JobRecord failing = jobs.submit(JobType.SCHEMA_RESET, null, job -> {
            throw new JobFailure("the disk is full");
        });

        JsonPath done = Jobs.await("/jobs/" + failing.id());

        assertThat(done.getString("status")).isEqualTo("FAILED");
        assertThat(done.getString("error")).isEqualTo("the disk is full");
    }

    @Test
    void shouldMarkAJobLeftRunningByAStoppedProcessAsFailedAtStartUp() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant started = Instant.parse("2026-01-01T10:00:00Z");
        store.save(JobRecord.builder(id, JobType.ETL_RUN, JobStatus.RUNNING).createdAt(started).startedAt(started)
                .steps(List.of(new JobRecord.Step("stage_songs", JobStatus.RUNNING, started, null, null, null)))
                .build());

        jobs.onStart(null);

        given().when().get("/jobs/" + id)
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error", equalTo("interrupted: the service stopped while the job was running"))
                .body("steps[0].status", equalTo("FAILED"));
    }
}
