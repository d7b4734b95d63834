package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.sparkify.warehouse.support.Jobs;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Invalid analytics parameters get a 400 problem naming the parameter, before the warehouse is asked
 * anything, so these tests need no data.
 */
@QuarkusTest
class AnalyticsParameterValidationTest {

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource(delimiter = '|', value = {
        "top-songs        | limit | 0",
        "top-songs        | limit | 101",
        "top-songs        | limit | ten",
        "top-artists      | limit | -1",
        "active-users     | limit | 2.5",
        "top-locations    | limit | 99999999999",
        "top-songs        | from  | 2018/11/01",
        "top-songs        | from  | 2018-11-31",
        "plays-by-hour    | from  | yesterday",
        "plays-by-weekday | to    | 2018-11-1",
        "levels           | to    | 2018-02-29",
        "user-agents      | to    | 2018-11-01T00:00:00",
        "top-songs        | level | gold",
        "active-users     | level | free,paid",
        "plays-by-hour    | level | premium",
    })
    void shouldRejectInvalidParameterNamingIt(String endpoint, String parameter, String value) {
        given().queryParam(parameter, value).when().get("/analytics/" + endpoint)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:sparkify:problem:invalid-parameter"))
                .body("parameter", equalTo(parameter))
                .body("detail", containsString(parameter))
                .body("instance", equalTo("/analytics/" + endpoint));
    }

    @Test
    void shouldTreatEmptyParametersAsNotGiven() {
        // Other test classes may have dropped the tables: the answer must not be the 409 for that.
        Jobs.awaitIdle();
        Jobs.resetSchema();

        given().when().get("/analytics/top-songs?limit=&from=&to=&level=").then().statusCode(200);
    }

    @Test
    void shouldRejectFromAfterToNamingFrom() {
        given().queryParam("from", "2018-11-05").queryParam("to", "2018-11-04").when().get("/analytics/levels")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("from"))
                .body("detail", equalTo("from (2018-11-05) is after to (2018-11-04)"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "limit | ten        | limit must be a whole number from 1 to 100, not 'ten'",
        "limit | 101        | limit must be a whole number from 1 to 100, not 101",
        "from  | 2018-11-31 | from must be a date as yyyy-MM-dd (UTC), not '2018-11-31'",
        "level | Gold       | level must be free or paid, not 'Gold'",
    })
    void shouldSayWhatWasWrongAndEchoTheValue(String parameter, String value, String detail) {
        given().queryParam(parameter, value).when().get("/analytics/top-songs")
                .then().statusCode(400)
                .body("title", equalTo("Invalid parameter"))
                .body("detail", equalTo(detail));
    }

    @Test
    void shouldAcceptLevelInAnyCaseAndSpacesAroundTheLimit() {
        Jobs.awaitIdle();
        Jobs.resetSchema();

        given().queryParam("level", "PAID").queryParam("limit", " 5 ").when().get("/analytics/top-songs")
                .then().statusCode(200);
    }

    @Test
    void shouldAnswerProblemJsonToCsvClientsToo() {
        given().accept("text/csv").queryParam("limit", "0").when().get("/analytics/top-songs")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("limit"));
    }

    @Test
    void shouldRefuseMediaTypesOtherThanJsonAndCsv() {
        given().accept("application/xml").when().get("/analytics/top-songs")
                .then().statusCode(406).contentType("application/problem+json");
    }
}
