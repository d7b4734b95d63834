package com.sparkify.warehouse.infra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock stubs of IAM, Redshift and Redshift Serverless for a {@code @QuarkusTest} and points
 * {@code sparkify.infra.*-endpoint} at them; a field annotated {@link InjectAwsStubs} receives them.
 */
public class AwsStubsResource implements QuarkusTestResourceLifecycleManager {

    /** The stubs, handed to the test. */
    public record AwsStubs(AwsQueryStub iam, AwsQueryStub redshift, AwsJsonStub serverless) {
        public void reset() {
            iam.reset();
            redshift.reset();
            serverless.reset();
        }
    }

    /** Marks the test field that receives the {@link AwsStubs}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectAwsStubs {
    }

    private AwsStubs stubs;

    @Override
    public Map<String, String> start() {
        stubs = new AwsStubs(AwsQueryStub.iam(), AwsQueryStub.redshift(), AwsJsonStub.serverless());
        return Map.of("sparkify.infra.iam-endpoint", stubs.iam().endpoint().toString(),
                "sparkify.infra.redshift-endpoint", stubs.redshift().endpoint().toString(),
                "sparkify.infra.redshift-serverless-endpoint", stubs.serverless().endpoint().toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stubs, new TestInjector.AnnotatedAndMatchesType(InjectAwsStubs.class,
                AwsStubs.class));
    }

    @Override
    public void stop() {
        if (stubs != null) {
            stubs.iam().close();
            stubs.redshift().close();
            stubs.serverless().close();
        }
    }
}
