package com.sparkify.warehouse.support;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP stub standing in for S3, to inject faults (5xx answers, dropped connections) that a real S3
 * endpoint will not produce on demand. The S3 attempt timeout is the service's default unless the
 * {@code attempt-timeout} argument sets one: a short one cuts legitimate requests too on a busy machine,
 * so only a test of a stalled endpoint should set it.
 */
public class WireMockS3Resource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;
    private String attemptTimeout;

    @Override
    public void init(Map<String, String> initArgs) {
        attemptTimeout = initArgs.get("attempt-timeout");
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Map<String, String> settings = new HashMap<>(Map.of(
                "sparkify.source.s3.endpoint-override", server.baseUrl(),
                "sparkify.source.s3.path-style", "true",
                "sparkify.source.s3.region", "us-east-1",
                "sparkify.source.s3.anonymous", "true"));
        if (attemptTimeout != null) {
            settings.put("sparkify.source.s3.attempt-timeout", attemptTimeout);
        }
        return settings;
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
