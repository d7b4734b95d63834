package com.sparkify.warehouse.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * REST helpers for tests: start a job, then poll its Location until it ends.
 */
public final class Jobs {

    private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private Jobs() {
    }

    /** Resets the schema and waits; fails the test unless the reset succeeded. */
    public static JsonPath resetSchema() {
        String location = given().when().post("/schema/reset")
                .then().statusCode(202).header("Location", notNullValue())
                .extract().header("Location");
        JsonPath job = await(location);
        if (!"SUCCEEDED".equals(job.getString("status"))) {
            throw new AssertionError("reset did not succeed: " + job.prettify());
        }
        return job;
    }

    /** Starts an ETL run with the given JSON body (null for none) and returns its Location. */
    public static String startEtl(String body) {
        var request = given();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post("/etl/runs")
                .then().statusCode(202).header("Location", notNullValue())
                .extract().header("Location");
    }

    /** Runs an ETL with the given body and returns the finished run, whatever its status. */
    public static JsonPath runEtl(String body) {
        return await(startEtl(body));
    }

    /** Polls a job's status resource until the job ends (at most a minute). */
    public static JsonPath await(String location) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = given().when().get(location).then().statusCode(200).extract().jsonPath();
            if (FINAL.contains(job.getString("status"))) {
                return job;
            }
            sleep(25);
        }
        throw new AssertionError("job at " + location + " did not end within a minute");
    }

    /** Polls a running job until it has staged rows into {@code table}, i.e. it is in the middle of staging. */
    public static void awaitStagedRows(String location, String table) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = given().when().get(location).then().statusCode(200).extract().jsonPath();
            Integer rows = job.get("progress.rowsStaged." + table);
            if (rows != null && rows > 0 || FINAL.contains(job.getString("status"))) {
                return;
            }
            sleep(5);
        }
        throw new AssertionError("job at " + location + " staged nothing into " + table + " within a minute");
    }

    /** Waits until no job is queued or running, e.g. between tests. */
    public static void awaitIdle() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            boolean busy = given().queryParam("limit", 5).when().get("/jobs").then().statusCode(200).extract()
                    .jsonPath().getList("status", String.class).stream()
                    .anyMatch(s -> s.equals("QUEUED") || s.equals("RUNNING"));
            if (!busy) {
                return;
            }
            sleep(25);
        }
        throw new AssertionError("jobs still running after a minute");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
