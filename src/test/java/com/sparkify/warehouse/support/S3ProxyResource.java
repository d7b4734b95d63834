package com.sparkify.warehouse.support;

import java.net.URI;
import java.util.Map;

import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real S3 endpoint in-process (S3Proxy over an in-memory blob store), with the service pointed at it.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    private S3Proxy proxy;
    private BlobStoreContext context;

    @Override
    public Map<String, String> start() {
        context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        Waits.waitFor("S3Proxy to start").until(() -> "STARTED".equals(proxy.getState()));
        return Map.of(
                "sparkify.source.s3.endpoint-override", "http://127.0.0.1:" + proxy.getPort(),
                "sparkify.source.s3.path-style", "true",
                "sparkify.source.s3.region", "us-east-1",
                "sparkify.source.s3.anonymous", "true");
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception ignored) {
            // the JVM is ending the test run anyway
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }
}
