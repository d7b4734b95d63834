package com.sparkify.warehouse.warehouse.redshift;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a real Redshift cluster, configured from {@code SPARKIFY_LIVE_*} environment
 * variables; by default a small slice of the Udacity song data and all of its event logs.
 */
public class RedshiftLiveProfile implements QuarkusTestProfile {

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
        config.put("sparkify.source.song-data", env("SPARKIFY_LIVE_SONG_DATA", "s3://udacity-dend/song_data/A/A/A"));
        config.put("sparkify.source.log-data", env("SPARKIFY_LIVE_LOG_DATA", "s3://udacity-dend/log_data"));
        config.put("sparkify.source.log-jsonpaths",
                env("SPARKIFY_LIVE_LOG_JSONPATHS", "s3://udacity-dend/log_json_path.json"));
        config.put("sparkify.source.s3.region", env("SPARKIFY_LIVE_REDSHIFT_REGION", "us-west-2"));
        config.put("sparkify.source.s3.anonymous", env("SPARKIFY_LIVE_S3_ANONYMOUS", "true"));
        return config;
    }
}
