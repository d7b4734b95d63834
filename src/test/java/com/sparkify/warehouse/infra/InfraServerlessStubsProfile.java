package com.sparkify.warehouse.infra;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Serverless endpoints against stubs: as {@link InfraStubsProfile}, with {@code kind=serverless} and a
 * base capacity AWS would refuse, so that creation answers 400 while describe and delete work.
 */
public class InfraServerlessStubsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sparkify.infra.kind", "serverless",
                "sparkify.infra.serverless.namespace", "sparkify-test",
                "sparkify.infra.serverless.workgroup", "sparkify-test",
                "sparkify.infra.serverless.base-capacity", "12",
                "sparkify.infra.iam-role-name", "sparkify-test-s3-read",
                "sparkify.infra.poll-interval", "10ms",
                "sparkify.infra.timeout", "5s");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(StaticTestCredentials.class);
    }
}
