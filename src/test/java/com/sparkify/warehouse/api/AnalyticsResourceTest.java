package com.sparkify.warehouse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The analytics endpoints over {@link AnalyticsFixture}: exact arrays worked out by hand from the
 * fixture's table, windows, level filters, limits, CSV and conditional requests.
 */
@QuarkusTest
class AnalyticsResourceTest {

    static final String JSON = "application/json";

    private static JsonPath run;

    @BeforeEach
    void loadOnce() {
        // Test classes run one after another, so the fixture loaded for the first test of this class
        // is still there for the others.
        if (run == null) {
            run = AnalyticsFixture.load();
        }
    }

    @Test
    void shouldListTopSongsByPlaysThenTitleThenArtist() {
        // Matched plays: Bolero/Nina #1,#3,#9 = 3; Angel/Miles #2,#7 = 2; Angel/Nina #5,#10 = 2;
        // Cello/Adele #6,#8 = 2. The 2s: "Angel" < "Cello..." by title, Miles < Nina by artist.
        // Ghost Song (#4, #11) has no catalog match and Drift was never played.
        assertRows("/analytics/top-songs", """
                [{"rank":1,"songId":"SOAAA01","title":"Bolero","artist":"Nina","plays":3},
                 {"rank":2,"songId":"SOAAA02","title":"Angel","artist":"Miles","plays":2},
                 {"rank":3,"songId":"SOAAA03","title":"Angel","artist":"Nina","plays":2},
                 {"rank":4,"songId":"SOAAA04","title":"Cello Suite, No. 1","artist":"Adele","plays":2}]""");
    }

    @Test
    void shouldCutTopSongsAtLimit() {
        // The first two rows of the full list above.
        assertRows("/analytics/top-songs?limit=2", """
                [{"rank":1,"songId":"SOAAA01","title":"Bolero","artist":"Nina","plays":3},
                 {"rank":2,"songId":"SOAAA02","title":"Angel","artist":"Miles","plays":2}]""");
    }

    @Test
    void shouldCountTopSongsInsideInclusiveDateWindow() {
        // 2018-11-02 holds #5 (00:00:00, Angel/Nina), #6 and #8 (Cello/Adele), #7 (Angel/Miles);
        // #9 at 2018-11-03 00:00:00 is outside. Cello 2, then the Angels with 1 each by artist.
        assertRows("/analytics/top-songs?from=2018-11-02&to=2018-11-02", """
                [{"rank":1,"songId":"SOAAA04","title":"Cello Suite, No. 1","artist":"Adele","plays":2},
                 {"rank":2,"songId":"SOAAA02","title":"Angel","artist":"Miles","plays":1},
                 {"rank":3,"songId":"SOAAA03","title":"Angel","artist":"Nina","plays":1}]""");
    }

    @Test
    void shouldCountTopSongsPlayedAtLevel() {
        // Paid plays: #5 Angel/Nina, #6 Cello/Adele, #7 Angel/Miles, #9 Bolero/Nina, 1 each, so by
        // title then artist.
        assertRows("/analytics/top-songs?level=paid", """
                [{"rank":1,"songId":"SOAAA02","title":"Angel","artist":"Miles","plays":1},
                 {"rank":2,"songId":"SOAAA03","title":"Angel","artist":"Nina","plays":1},
                 {"rank":3,"songId":"SOAAA01","title":"Bolero","artist":"Nina","plays":1},
                 {"rank":4,"songId":"SOAAA04","title":"Cello Suite, No. 1","artist":"Adele","plays":1}]""");
    }

    @Test
    void shouldListTopArtistsWithTiesByName() {
        // Nina: Bolero 3 + Angel 2 = 5; Miles: #2, #7 = 2; Adele: #6, #8 = 2; Adele < Miles by name.
        assertRows("/analytics/top-artists", """
                [{"rank":1,"artistId":"ARAAA01","artist":"Nina","plays":5},
                 {"rank":2,"artistId":"ARAAA03","artist":"Adele","plays":2},
                 {"rank":3,"artistId":"ARAAA02","artist":"Miles","plays":2}]""");
    }

    @Test
    void shouldListActiveUsersWithTiesByUserId() {
        // Ann #1,#2,#5,#9 = 4; Bob #3,#4,#11 = 3 (the Home event is no play); Cat #6,#7 = 2;
        // Dan #8,#10 = 2; Cat (30) before Dan (40). Level is users.level: Ann's latest is paid.
        assertRows("/analytics/active-users", """
                [{"rank":1,"userId":10,"firstName":"Ann","lastName":"Archer","level":"paid","plays":4},
                 {"rank":2,"userId":20,"firstName":"Bob","lastName":"Baker","level":"free","plays":3},
                 {"rank":3,"userId":30,"firstName":"Cat","lastName":"Cole","level":"paid","plays":2},
                 {"rank":4,"userId":40,"firstName":"Dan","lastName":"Drew","level":"free","plays":2}]""");
    }

    @Test
    void shouldShowLatestLevelOfActiveUsersWhenFilteringPlaysByLevel() {
        // Free plays: Bob #3,#4,#11 = 3; Ann #1,#2 = 2; Dan #8,#10 = 2 (Ann 10 before Dan 40).
        // Ann played these while free but her level is now paid.
        assertRows("/analytics/active-users?level=free", """
                [{"rank":1,"userId":20,"firstName":"Bob","lastName":"Baker","level":"free","plays":3},
                 {"rank":2,"userId":10,"firstName":"Ann","lastName":"Archer","level":"paid","plays":2},
                 {"rank":3,"userId":40,"firstName":"Dan","lastName":"Drew","level":"free","plays":2}]""");
    }

    @Test
    void shouldCountActiveUsersInsideDateWindow() {
        // 2018-11-02: Cat #6,#7 = 2; Ann #5 = 1; Dan #8 = 1.
        assertRows("/analytics/active-users?from=2018-11-02&to=2018-11-02", """
                [{"rank":1,"userId":30,"firstName":"Cat","lastName":"Cole","level":"paid","plays":2},
                 {"rank":2,"userId":10,"firstName":"Ann","lastName":"Archer","level":"paid","plays":1},
                 {"rank":3,"userId":40,"firstName":"Dan","lastName":"Drew","level":"free","plays":1}]""");
    }

    @Test
    void shouldGiveAllTwentyFourHoursWithZeros() {
        // Hour 0: #5,#9; 9: #1,#2; 16: #3,#4,#6,#7,#10; 20: #11; 23: #8. 15 has only the Home event.
        assertRows("/analytics/plays-by-hour", hours(2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 1,
                0, 0, 1));
    }

    @Test
    void shouldCountHoursInsideDateWindow() {
        // 2018-11-02: #5 at 0, #6 and #7 at 16, #8 at 23.
        assertRows("/analytics/plays-by-hour?from=2018-11-02&to=2018-11-02", hours(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void shouldCountHoursAtLevel() {
        // Paid: #5 and #9 at 0, #6 and #7 at 16.
        assertRows("/analytics/plays-by-hour?level=paid", hours(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
                0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldGiveSevenIsoWeekdays() {
        // Thu 11-01 (4): #1-#4; Fri 11-02 (5): #5-#8; Sat 11-03 (6): #9; Sun 11-04 (7): #10, #11.
        assertRows("/analytics/plays-by-weekday", """
                [{"weekday":1,"plays":0},{"weekday":2,"plays":0},{"weekday":3,"plays":0},{"weekday":4,"plays":4},
                 {"weekday":5,"plays":4},{"weekday":6,"plays":1},{"weekday":7,"plays":2}]""");
    }

    @Test
    void shouldCountWeekdaysFromDateOnwards() {
        // from=2018-11-03 with no to: #9 (Sat), #10 and #11 (Sun).
        assertRows("/analytics/plays-by-weekday?from=2018-11-03", """
                [{"weekday":1,"plays":0},{"weekday":2,"plays":0},{"weekday":3,"plays":0},{"weekday":4,"plays":0},
                 {"weekday":5,"plays":0},{"weekday":6,"plays":1},{"weekday":7,"plays":2}]""");
    }

    @Test
    void shouldCountUserWhoChangedLevelUnderBothLevels() {
        // Free: #1,#2,#3,#4,#8,#10,#11 = 7 plays by Ann, Bob, Dan = 3 users.
        // Paid: #5,#6,#7,#9 = 4 plays by Ann, Cat = 2 users. Ann is in both.
        assertRows("/analytics/levels", """
                [{"level":"free","users":3,"plays":7},{"level":"paid","users":2,"plays":4}]""");
    }

    @Test
    void shouldCountLevelsInsideDateWindow() {
        // 2018-11-02: free #8 (Dan); paid #5 (Ann), #6, #7 (Cat).
        assertRows("/analytics/levels?from=2018-11-02&to=2018-11-02", """
                [{"level":"free","users":1,"plays":1},{"level":"paid","users":2,"plays":3}]""");
    }

    @Test
    void shouldLeaveOutLevelsWithoutPlaysInWindow() {
        // Up to 2018-11-01: #1-#4, all free, by Ann and Bob; no paid play, so no paid row.
        assertRows("/analytics/levels?to=2018-11-01", """
                [{"level":"free","users":2,"plays":4}]""");
    }

    @Test
    void shouldListTopLocationsWithUsers() {
        // Boston: Ann 4 + Cat 2 = 6 plays, 2 users; Austin: Bob 3; Chicago: Dan 2.
        assertRows("/analytics/top-locations", """
                [{"rank":1,"location":"Boston, MA","plays":6,"users":2},
                 {"rank":2,"location":"Austin, TX","plays":3,"users":1},
                 {"rank":3,"location":"Chicago, IL","plays":2,"users":1}]""");
    }

    @Test
    void shouldOrderTiedLocationsByName() {
        // 2018-11-04: #10 Dan in Chicago, #11 Bob in Austin: 1 each, Austin first.
        assertRows("/analytics/top-locations?from=2018-11-04&to=2018-11-04", """
                [{"rank":1,"location":"Austin, TX","plays":1,"users":1},
                 {"rank":2,"location":"Chicago, IL","plays":1,"users":1}]""");
    }

    @Test
    void shouldGroupUserAgentsByBrowserAndOsFamily() {
        // Chrome/Mac: Ann #1,#2,#5,#9 + Cat #7 = 5 plays, 2 users; Firefox/Windows: Bob #3,#4 = 2.
        // Then 1 each, by browser then os: Chrome/Android #10, Chrome/Linux #11 (Ubuntu Chromium),
        // Internet Explorer/Windows #8 (Trident), Safari/iOS #6 (iPhone, "like Mac OS X").
        assertRows("/analytics/user-agents", """
                [{"browser":"Chrome","os":"Mac OS X","plays":5,"users":2},
                 {"browser":"Firefox","os":"Windows","plays":2,"users":1},
                 {"browser":"Chrome","os":"Android","plays":1,"users":1},
                 {"browser":"Chrome","os":"Linux","plays":1,"users":1},
                 {"browser":"Internet Explorer","os":"Windows","plays":1,"users":1},
                 {"browser":"Safari","os":"iOS","plays":1,"users":1}]""");
    }

    @Test
    void shouldCountUserAgentsAtLevel() {
        // Paid: #5, #7, #9 Chrome/Mac by Ann and Cat; #6 Safari/iOS by Cat.
        assertRows("/analytics/user-agents?level=paid", """
                [{"browser":"Chrome","os":"Mac OS X","plays":3,"users":2},
                 {"browser":"Safari","os":"iOS","plays":1,"users":1}]""");
    }

    @Test
    void shouldSummarizeTableCountsAndLastRun() {
        // 11 NextSong events + 1 Home = 12 staged events; 5 song files; 11 songplays at 11 distinct
        // times, 9 of them matched (all but the two Ghost Song plays); 4 users; 5 songs; artists Nina, Miles, Adele.
        assertRows("/analytics/summary", """
                [{"stagingEvents":12,"stagingSongs":5,"songplays":11,"songplaysWithSong":9,"users":4,"songs":5,"artists":3,"time":11,
                  "lastRunId":"%s","lastRunFinishedAt":"%s"}]""".formatted(run.getString("id"),
                run.getString("finishedAt")));
    }

    @Test
    void shouldReturnTopSongsAsCsv() {
        given().accept("text/csv").when().get("/analytics/top-songs")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(equalTo("rank,songId,title,artist,plays\r\n"
                        + "1,SOAAA01,Bolero,Nina,3\r\n"
                        + "2,SOAAA02,Angel,Miles,2\r\n"
                        + "3,SOAAA03,Angel,Nina,2\r\n"
                        + "4,SOAAA04,\"Cello Suite, No. 1\",Adele,2\r\n"));
    }

    @Test
    void shouldReturnLevelsAsCsv() {
        given().accept("text/csv").when().get("/analytics/levels")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(equalTo("level,users,plays\r\nfree,3,7\r\npaid,2,4\r\n"));
    }

    @Test
    void shouldPreferJsonWhenAcceptRanksItHigher() {
        given().accept("text/csv;q=0.5, application/json").when().get("/analytics/levels")
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void shouldTagResponsesWithStrongETagAndNoCache() {
        given().when().get("/analytics/top-songs")
                .then().statusCode(200)
                .header("ETag", matchesPattern("\"[0-9a-f]{32}\""))
                .header("Cache-Control", "no-cache");
    }

    @Test
    void shouldKeepETagWhileRowsAreUnchanged() {
        String first = etag("/analytics/top-artists", JSON);
        assertThat(etag("/analytics/top-artists", JSON)).isEqualTo(first);
    }

    @Test
    void shouldAnswer304WhenIfNoneMatchHasTheETag() {
        String tag = etag("/analytics/top-songs", JSON);
        given().header("If-None-Match", tag).when().get("/analytics/top-songs")
                .then().statusCode(304).header("ETag", tag).body(emptyString());
    }

    @Test
    void shouldCompareIfNoneMatchWeakly() {
        String tag = etag("/analytics/top-songs", JSON);
        // A compressing proxy turns the tag weak; a list may hold it anywhere (RFC 9110 section 13.1.2).
        given().header("If-None-Match", "W/" + tag).when().get("/analytics/top-songs")
                .then().statusCode(304).header("ETag", tag);
        given().header("If-None-Match", "\"other\", W/" + tag).when().get("/analytics/top-songs")
                .then().statusCode(304);
        given().header("If-None-Match", "*").when().get("/analytics/top-songs").then().statusCode(304);
        given().header("If-None-Match", "W/\"" + tag.replace("\"", "") + "x\"").when().get("/analytics/top-songs")
                .then().statusCode(200);
    }

    @Test
    void shouldSayVaryAcceptOnce() {
        String tag = etag("/analytics/top-songs", JSON);
        assertThat(given().when().get("/analytics/top-songs").then().statusCode(200).extract().headers()
                .getValues("Vary")).containsExactly("Accept");
        assertThat(given().header("If-None-Match", tag).when().get("/analytics/top-songs").then().statusCode(304)
                .extract().headers().getValues("Vary")).containsExactly("Accept");
    }

    @Test
    void shouldAnswer200WhenIfNoneMatchHasAnotherETag() {
        given().header("If-None-Match", "\"0123456789abcdef0123456789abcdef\"").when().get("/analytics/top-songs")
                .then().statusCode(200).body("[0].songId", equalTo("SOAAA01"));
    }

    @Test
    void shouldGiveEachParameterSetItsOwnETag() {
        assertThat(etag("/analytics/top-songs?limit=2", JSON))
                .isNotEqualTo(etag("/analytics/top-songs", JSON));
    }

    @Test
    void shouldTagCsvDifferentlyFromJson() {
        assertThat(etag("/analytics/levels", "text/csv"))
                .isNotEqualTo(etag("/analytics/levels", JSON));
    }

    @Test
    void shouldAnswer304ForCsvWhenIfNoneMatchHasTheCsvETag() {
        String tag = etag("/analytics/levels", "text/csv");
        given().accept("text/csv").header("If-None-Match", tag).when().get("/analytics/levels")
                .then().statusCode(304).header("ETag", tag);
    }

    @Test
    void shouldAnswer304ForSummaryWhenIfNoneMatchHasTheETag() {
        String tag = etag("/analytics/summary", JSON);
        given().header("If-None-Match", tag).when().get("/analytics/summary")
                .then().statusCode(304).header("ETag", tag);
    }

    static void assertRows(String url, String expected) {
        List<Object> actual = given().accept(ContentType.JSON).when().get(url)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("$");
        assertThat(actual).isEqualTo(JsonPath.from(expected).getList("$"));
    }

    static String etag(String url, String accept) {
        return given().accept(accept).when().get(url).then().statusCode(200).extract().header("ETag");
    }

    /** The 24-row plays-by-hour array for plays at hours 0..23. */
    private static String hours(int... plays) {
        assertThat(plays).hasSize(24);
        StringBuilder json = new StringBuilder("[");
        for (int hour = 0; hour < plays.length; hour++) {
            json.append(hour == 0 ? "" : ",").append("{\"hour\":").append(hour).append(",\"plays\":")
                    .append(plays[hour]).append('}');
        }
        return json.append(']').toString();
    }
}
