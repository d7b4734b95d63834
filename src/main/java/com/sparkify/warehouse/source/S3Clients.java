package com.sparkify.warehouse.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.auth.scheme.NoAuthAuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;

/**
 * Builds the S3 clients of the service's sources and of the sample generator the same way: AWS or any
 * S3-compatible endpoint, bounded retries and attempt time, an explicit HTTP client. The sources read
 * through the asynchronous client, which keeps many requests in flight on a few event-loop threads; the
 * generator's uploads use the blocking one.
 */
public final class S3Clients {

    /**
     * What a client needs: {@code endpoint} null for AWS itself; {@code anonymous} for public buckets,
     * otherwise the default credentials chain.
     */
    public record Settings(String region, String endpoint, boolean pathStyle, boolean anonymous, int maxAttempts,
            Duration attemptTimeout, int connections) {
    }

    /**
     * The timers of every client built here (attempt timeouts, retry back-off). The SDK's own scheduler keeps
     * a cancelled timeout queued until it would have fired, referring to its finished request, so a run keeps
     * the timeouts of all the requests of the last attempt timeout queued; this one drops a timeout as soon as
     * its request ends. Daemon threads: no client closes it.
     */
    private static final ScheduledThreadPoolExecutor TIMERS = newTimers();

    /**
     * The auth scheme of anonymous clients: none. The SDK's own provider works out a signing scheme from the
     * endpoint rules for every request and then signs nothing, since the credentials are anonymous; this
     * skips that work, which the SDK does on the event loops and its JIT compiles in a service's first run.
     */
    private static final List<AuthSchemeOption> NO_AUTH =
            List.of(AuthSchemeOption.builder().schemeId(NoAuthAuthScheme.SCHEME_ID).build());

    private S3Clients() {
    }

    /** The timers every client built here schedules on. */
    static ScheduledThreadPoolExecutor timers() {
        return TIMERS;
    }

    private static ScheduledThreadPoolExecutor newTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "sparkify-s3-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** The HTTP clients an asynchronous S3 client can use (BENCHMARKS.md compares them). */
    public enum AsyncHttp {
        NETTY, CRT
    }

    public static S3Client build(Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                // Chosen explicitly: the application has several SDK HTTP clients on its class path.
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(4, settings.connections())));
        return common(builder, settings, RetryMode.STANDARD).build();
    }

    /**
     * An asynchronous client keeping up to {@code settings.connections()} requests in flight, retrying in
     * the SDK's adaptive mode: besides backing off, it slows its own request rate when S3 answers
     * {@code 503 SlowDown}, so thousands of queued GETs do not keep a throttled prefix throttled.
     */
    public static S3AsyncClient buildAsync(Settings settings, AsyncHttp http) {
        int connections = Math.max(4, settings.connections());
        SdkAsyncHttpClient.Builder<?> client = switch (http) {
            // TCP_NODELAY is the Netty client's default, so small requests are not held back by Nagle.
            case NETTY -> NettyNioAsyncHttpClient.builder()
                    .maxConcurrency(connections)
                    // Requests beyond the connections wait for one instead of failing.
                    .maxPendingConnectionAcquires(Integer.MAX_VALUE)
                    .connectionAcquisitionTimeout(settings.attemptTimeout());
            case CRT -> AwsCrtAsyncHttpClient.builder().maxConcurrency(connections);
        };
        S3AsyncClientBuilder builder = S3AsyncClient.builder().httpClientBuilder(client)
                // Completions run on the HTTP client's thread instead of being handed to a pool of the SDK's
                // own: the service's callbacks only start the next requests and never block.
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run));
        return common(builder, settings, RetryMode.ADAPTIVE_V2).build();
    }

    private static <B extends S3BaseClientBuilder<B, C>, C> B common(B builder, Settings settings, RetryMode mode) {
        builder.region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(o -> o.scheduledExecutorService(TIMERS).retryStrategy(mode == RetryMode.STANDARD
                        ? AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build()
                        : AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build())
                        .apiCallAttemptTimeout(settings.attemptTimeout()))
                .credentialsProvider(settings.anonymous()
                        ? AnonymousCredentialsProvider.create()
                        : DefaultCredentialsProvider.builder().build());
        if (settings.anonymous()) {
            builder.authSchemeProvider((S3AuthSchemeProvider) params -> NO_AUTH);
        }
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()))
                    // S3-compatible stores often reject the newer default checksums.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder;
    }
}
