package com.sparkify.warehouse.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Set;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * REST helpers for tests: start a job, then poll its Location until it ends ({@link Waits}).
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

    /** Polls a job's status resource until the job ends. */
    public static JsonPath await(String location) {
        return Waits.waitFor("job at " + location + " to end")
                .until(() -> job(location), job -> FINAL.contains(job.getString("status")));
    }

    /** Waits until no job is queued or running, e.g. between tests. */
    public static void awaitIdle() {
        Waits.waitFor("no job queued or running").until(() -> given().queryParam("limit", 5).when().get("/jobs")
                .then().statusCode(200).extract().jsonPath().getList("status", String.class).stream()
                .noneMatch(s -> s.equals("QUEUED") || s.equals("RUNNING")));
    }

    private static JsonPath job(String location) {
        return given().when().get(location).then().statusCode(200).extract().jsonPath();
    }
}
