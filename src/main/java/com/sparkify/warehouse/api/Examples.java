package com.sparkify.warehouse.api;

/**
 * Example bodies for the OpenAPI document, taken from real runs on the Udacity data.
 */
final class Examples {

    static final String RESET_QUEUED = """
            {"id":"0b6f4f0e-9a0c-4a8e-8d53-5f2b2f6e2a10","type":"SCHEMA_RESET","status":"QUEUED",
             "createdAt":"2026-11-27T09:00:00Z"}""";

    static final String RESET_SUCCEEDED = """
            {"id":"0b6f4f0e-9a0c-4a8e-8d53-5f2b2f6e2a10","type":"SCHEMA_RESET","status":"SUCCEEDED",
             "createdAt":"2026-11-27T09:00:00Z","startedAt":"2026-11-27T09:00:00.010Z",
             "finishedAt":"2026-11-27T09:00:00.152Z","durationMs":142,
             "steps":[{"name":"drop_tables","status":"SUCCEEDED","durationMs":31},
                      {"name":"create_tables","status":"SUCCEEDED","durationMs":97}],
             "tableCounts":{"staging_events":0,"staging_songs":0,"songplays":0,"users":0,"songs":0,
                            "artists":0,"time":0}}""";

    static final String JOB_LIST = """
            [{"id":"5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33","type":"ETL_RUN","status":"SUCCEEDED",
              "createdAt":"2026-11-27T09:01:00Z","finishedAt":"2026-11-27T09:01:02.385Z","durationMs":2385,
              "tableCounts":{"staging_events":8056,"staging_songs":14896,"songplays":6820,"users":96,
                             "songs":14896,"artists":9553,"time":6813}},
             {"id":"0b6f4f0e-9a0c-4a8e-8d53-5f2b2f6e2a10","type":"SCHEMA_RESET","status":"SUCCEEDED",
              "createdAt":"2026-11-27T09:00:00Z","durationMs":142}]""";

    static final String ETL_REQUEST = """
            {"songData":"data/sample/song_data","logData":"data/sample/log_data",
             "logJsonPaths":"data/sample/log_json_path.json","mode":"incremental"}""";

    static final String LEDGER = """
            {"items":[{"source":"s3://udacity-dend/log_data/","key":"log_data/2018/11/2018-11-30-events.json",
                       "size":232513,"etag":"\\"0d5d4c3b1b5e4f8e9a3c2b1a0f9e8d7c\\"","rows":374,
                       "runId":"5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33","loadedAt":"2026-11-27T09:01:04.210Z"}],
             "total":6850}""";

    static final String ETL_RUNNING = """
            {"id":"5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33","type":"ETL_RUN","status":"RUNNING","mode":"full",
             "createdAt":"2026-11-27T09:01:00Z","startedAt":"2026-11-27T09:01:00.004Z","durationMs":2310,
             "sources":{"songData":"s3://udacity-dend/song_data","logData":"s3://udacity-dend/log_data",
                        "logJsonPaths":"s3://udacity-dend/log_json_path.json"},
             "steps":[{"name":"list_sources","status":"SUCCEEDED","rows":14926},
                      {"name":"stage_songs","status":"RUNNING"}],
             "progress":{"objectsListed":14926,"objectsDone":9120,"bytesListed":5412311,"bytesDone":3310264,
                         "rowsStaged":{"staging_songs":9120},"percent":55.0,"etaMs":1870},
             "loadErrors":[],"loadErrorCount":0,"trigger":"api"}""";

    static final String CONFLICT = """
            {"type":"urn:sparkify:problem:job-conflict","title":"Another job is running","status":409,
             "detail":"job 5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33 (ETL_RUN) is RUNNING; only one job that changes the warehouse runs at a time",
             "instance":"/schema/reset","jobId":"5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33",
             "location":"http://localhost:8080/etl/runs/5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33"}""";

    static final String INVALID_SOURCE = """
            {"type":"urn:sparkify:problem:invalid-source","title":"Invalid source location","status":400,
             "detail":"songData '/etc': local paths must lie inside sparkify.source.allowed-local-roots (environment variable SPARKIFY_SOURCE_ALLOWED_LOCAL_ROOTS), a comma-separated list of directories read at start-up: add the directory and restart the service",
             "instance":"/etl/runs","parameter":"songData"}""";

    static final String TABLES = """
            [{"name":"songplays","kind":"fact","rows":6820,
              "columns":[{"name":"songplay_id","type":"BIGINT"},{"name":"start_time","type":"TIMESTAMP"}]}]""";

    static final String CLUSTER_CREATE_QUEUED = """
            {"id":"8c2e7d41-0f3b-4a5e-b6d9-1e4f7a2c9b08","type":"CLUSTER_CREATE","status":"QUEUED",
             "createdAt":"2026-11-27T08:40:00Z"}""";

    static final String CLUSTER = """
            {"kind":"provisioned","identifier":"sparkify-dwh","status":"available","region":"us-west-2","nodeType":"ra3.large",
             "numberOfNodes":2,"dbName":"sparkify","masterUsername":"awsuser",
             "endpoint":"sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com","port":5439,
             "jdbcUrl":"jdbc:redshift://sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify",
             "iamRoles":["arn:aws:iam::123456789012:role/sparkify-redshift-s3-read"]}""";

    static final String CLUSTER_MISSING = """
            {"type":"urn:sparkify:problem:not-found","title":"Not Found","status":404,
             "detail":"no Redshift sparkify-dwh: POST /infra/cluster creates it","instance":"/infra/cluster"}""";

    static final String CLUSTER_DELETE_QUEUED = """
            {"id":"3f9b2c71-6d4e-4b8a-9e1f-5a7c0d2e8b64","type":"CLUSTER_DELETE","status":"QUEUED",
             "createdAt":"2026-11-27T18:05:00Z"}""";

    static final String SCHEDULE = """
            {"enabled":true,"cron":"0 30 2 * * ?","mode":"incremental","nextFireAt":"2026-11-28T02:30:00Z",
             "lastFiredAt":"2026-11-27T02:30:00.002Z","lastOutcome":"started",
             "lastJobId":"5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33","lastSkipReason":null,"lastDetail":null,
             "skipped":{"job-running":1,"never-reset":0,"mode-unavailable":0},"note":null}""";

    static final String NO_SCHEDULE = """
            {"enabled":false,"cron":null,"mode":"incremental","nextFireAt":null,"lastFiredAt":null,
             "lastOutcome":null,"lastJobId":null,"lastSkipReason":null,"lastDetail":null,
             "skipped":{"job-running":0,"never-reset":0,"mode-unavailable":0},
             "note":"no schedule is set: set sparkify.etl.schedule (SPARKIFY_ETL_SCHEDULE) to a cron expression, e.g. \\"0 30 2 * * ?\\" for 02:30 every day, and restart the service"}""";

    private Examples() {
    }
}
