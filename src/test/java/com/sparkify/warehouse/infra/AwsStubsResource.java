package com.sparkify.warehouse.infra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock stubs of IAM and Redshift for a {@code @QuarkusTest} and points
 * {@code sparkify.infra.*-endpoint} at them; a field annotated {@link InjectAwsStubs} receives both.
 */
public class AwsStubsResource implements QuarkusTestResourceLifecycleManager {

    /** Both stubs, handed to the test. */
    public record AwsStubs(AwsQueryStub iam, AwsQueryStub redshift) {
        public void reset() {
            iam.reset();
            redshift.reset();
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
        stubs = new AwsStubs(AwsQueryStub.iam(), AwsQueryStub.redshift());
        return Map.of("sparkify.infra.iam-endpoint", stubs.iam().endpoint().toString(),
                "sparkify.infra.redshift-endpoint", stubs.redshift().endpoint().toString());
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
        }
    }
}
