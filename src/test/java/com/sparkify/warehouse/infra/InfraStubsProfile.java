package com.sparkify.warehouse.infra;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Cluster endpoints against stubs: fake static keys, a known cluster and password, and polling in
 * milliseconds instead of seconds.
 */
public class InfraStubsProfile implements QuarkusTestProfile {

    public static final String PASSWORD = "Passw0rdForTests";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sparkify.infra.cluster-identifier", "sparkify-test",
                "sparkify.infra.iam-role-name", "sparkify-test-s3-read",
                "sparkify.infra.master-password", PASSWORD,
                "sparkify.infra.poll-interval", "10ms",
                "sparkify.infra.timeout", "5s");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(StaticTestCredentials.class);
    }
}
