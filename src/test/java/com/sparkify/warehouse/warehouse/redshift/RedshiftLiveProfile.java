package com.sparkify.warehouse.warehouse.redshift;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a real Redshift cluster or Serverless workgroup, configured from {@code SPARKIFY_LIVE_*}
 * environment variables, loading the whole Udacity bucket (the analysts' figures are for all of it).
 */
public class RedshiftLiveProfile implements QuarkusTestProfile {

    static final String SONG_DATA = "s3://udacity-dend/song_data";
    static final String LOG_DATA = "s3://udacity-dend/log_data";
    static final String LOG_JSONPATHS = "s3://udacity-dend/log_json_path.json";

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("sparkify.warehouse.engine", "redshift");
        config.put("quarkus.datasource.redshift.jdbc.url", env("SPARKIFY_LIVE_REDSHIFT_URL", ""));
        config.put("quarkus.datasource.redshift.username", env("SPARKIFY_LIVE_REDSHIFT_USER", "awsuser"));
        config.put("quarkus.datasource.redshift.password", env("SPARKIFY_LIVE_REDSHIFT_PASSWORD", ""));
        config.put("sparkify.redshift.iam-role", env("SPARKIFY_LIVE_REDSHIFT_IAM_ROLE", ""));
        config.put("sparkify.redshift.region", env("SPARKIFY_LIVE_REDSHIFT_REGION", "us-west-2"));
        config.put("sparkify.source.song-data", SONG_DATA);
        config.put("sparkify.source.log-data", LOG_DATA);
        config.put("sparkify.source.log-jsonpaths", LOG_JSONPATHS);
        config.put("sparkify.source.s3.region", env("SPARKIFY_LIVE_REDSHIFT_REGION", "us-west-2"));
        // The service lists the scratch prefix of the load-error check too, which needs the user's keys.
        config.put("sparkify.source.s3.anonymous", env("SPARKIFY_LIVE_S3_ANONYMOUS", "false"));
        config.put("sparkify.etl.max-errors", "0");
        return config;
    }
}
