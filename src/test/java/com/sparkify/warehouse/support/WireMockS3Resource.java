package com.sparkify.warehouse.support;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP stub standing in for S3, to inject faults (5xx answers, dropped connections) that a real S3
 * endpoint will not produce on demand.
 */
public class WireMockS3Resource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "sparkify.source.s3.endpoint-override", server.baseUrl(),
                "sparkify.source.s3.path-style", "true",
                "sparkify.source.s3.region", "us-east-1",
                "sparkify.source.s3.anonymous", "true",
                // Short, so a stalled endpoint is given up on within the test's patience.
                "sparkify.source.s3.attempt-timeout", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
