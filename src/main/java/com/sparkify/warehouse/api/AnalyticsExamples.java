package com.sparkify.warehouse.api;

/**
 * Example answers of the analytics endpoints for the OpenAPI document, from the Udacity event logs
 * (November 2018) loaded with the full song catalog.
 */
final class AnalyticsExamples {

    static final String TOP_SONGS = """
            [{"rank":1,"songId":"SOBONKR12A58A7A7E0","title":"You're The One","artist":"Dwight Yoakam","plays":37},
             {"rank":2,"songId":"SOHTKMO12AB01843B0","title":"Catch You Baby (Steve Pitron & Max Sanna Radio Edit)",
              "artist":"Lonnie Gordon","plays":9},
             {"rank":3,"songId":"SOUNZHU12A8AE47481","title":"I CAN'T GET STARTED","artist":"Ron Carter","plays":9}]""";

    static final String TOP_SONGS_CSV = "rank,songId,title,artist,plays\r\n"
            + "1,SOBONKR12A58A7A7E0,You're The One,Dwight Yoakam,37\r\n"
            + "2,SOHTKMO12AB01843B0,Catch You Baby (Steve Pitron & Max Sanna Radio Edit),Lonnie Gordon,9\r\n"
            + "3,SOUNZHU12A8AE47481,I CAN'T GET STARTED,Ron Carter,9\r\n";

    static final String TOP_ARTISTS = """
            [{"rank":1,"artistId":"AR5E44Z1187B9A1D74","artist":"Dwight Yoakam","plays":37},
             {"rank":2,"artistId":"ARD46C811C8A414F3F","artist":"Kid Cudi","plays":10},
             {"rank":3,"artistId":"AR5EYTL1187B98EDA0","artist":"Lonnie Gordon","plays":9}]""";

    static final String ACTIVE_USERS = """
            [{"rank":1,"userId":49,"firstName":"Chloe","lastName":"Cuevas","level":"paid","plays":689},
             {"rank":2,"userId":80,"firstName":"Tegan","lastName":"Levine","level":"paid","plays":665},
             {"rank":3,"userId":97,"firstName":"Kate","lastName":"Harrell","level":"paid","plays":557}]""";

    static final String PLAYS_BY_HOUR = """
            [{"hour":0,"plays":155},{"hour":1,"plays":154},{"hour":2,"plays":117},{"hour":3,"plays":109},
             {"hour":4,"plays":136},{"hour":5,"plays":162},{"hour":6,"plays":183},{"hour":7,"plays":179},
             {"hour":8,"plays":207},{"hour":9,"plays":270},{"hour":10,"plays":312},{"hour":11,"plays":336},
             {"hour":12,"plays":308},{"hour":13,"plays":324},{"hour":14,"plays":432},{"hour":15,"plays":477},
             {"hour":16,"plays":542},{"hour":17,"plays":494},{"hour":18,"plays":498},{"hour":19,"plays":367},
             {"hour":20,"plays":360},{"hour":21,"plays":280},{"hour":22,"plays":217},{"hour":23,"plays":201}]""";

    static final String PLAYS_BY_WEEKDAY = """
            [{"weekday":1,"plays":1014},{"weekday":2,"plays":1071},{"weekday":3,"plays":1364},
             {"weekday":4,"plays":1052},{"weekday":5,"plays":1295},{"weekday":6,"plays":628},
             {"weekday":7,"plays":396}]""";

    static final String LEVELS = """
            [{"level":"free","users":82,"plays":1229},{"level":"paid","users":22,"plays":5591}]""";

    static final String TOP_LOCATIONS = """
            [{"rank":1,"location":"San Francisco-Oakland-Hayward, CA","plays":691,"users":2},
             {"rank":2,"location":"Portland-South Portland, ME","plays":665,"users":1},
             {"rank":3,"location":"Lansing-East Lansing, MI","plays":557,"users":1}]""";

    static final String USER_AGENTS = """
            [{"browser":"Chrome","os":"Mac OS X","plays":1408,"users":16},
             {"browser":"Chrome","os":"Windows","plays":1338,"users":25},
             {"browser":"Chrome","os":"Linux","plays":1150,"users":4},
             {"browser":"Safari","os":"Mac OS X","plays":1068,"users":18},
             {"browser":"Firefox","os":"Windows","plays":1062,"users":15},
             {"browser":"Firefox","os":"Mac OS X","plays":524,"users":7},
             {"browser":"Safari","os":"iOS","plays":239,"users":6},
             {"browser":"Internet Explorer","os":"Windows","plays":28,"users":4},
             {"browser":"Firefox","os":"Linux","plays":3,"users":1}]""";

    static final String SUMMARY = """
            [{"stagingEvents":8056,"stagingSongs":14896,"songplays":6820,"songplaysWithSong":319,"users":96,"songs":14896,"artists":9553,
              "time":6813,"lastRunId":"5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33",
              "lastRunFinishedAt":"2026-11-27T09:01:04.127Z"}]""";

    static final String INVALID_LIMIT = """
            {"type":"urn:sparkify:problem:invalid-parameter","title":"Invalid parameter","status":400,
             "detail":"limit must be a whole number from 1 to 100, not 500","instance":"/analytics/top-songs",
             "parameter":"limit"}""";

    static final String WAREHOUSE_MISSING = """
            {"type":"urn:sparkify:problem:warehouse-missing","title":"The warehouse has no tables","status":409,
             "detail":"the warehouse has no tables yet: POST /schema/reset first, then run an ETL",
             "instance":"/analytics/top-songs"}""";

    private AnalyticsExamples() {
    }
}
