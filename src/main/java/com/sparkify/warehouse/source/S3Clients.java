package com.sparkify.warehouse.source;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 clients of the service's sources and of the sample generator the same way: AWS or any
 * S3-compatible endpoint, bounded retries and attempt time, an explicit HTTP client.
 */
public final class S3Clients {

    /**
     * What a client needs: {@code endpoint} null for AWS itself; {@code anonymous} for public buckets,
     * otherwise the default credentials chain.
     */
    public record Settings(String region, String endpoint, boolean pathStyle, boolean anonymous, int maxAttempts,
            Duration attemptTimeout, int connections) {
    }

    private S3Clients() {
    }

    public static S3Client build(Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // Chosen explicitly: the application has several SDK HTTP clients on its class path.
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(4, settings.connections())))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build())
                        .apiCallAttemptTimeout(settings.attemptTimeout()))
                .credentialsProvider(settings.anonymous()
                        ? AnonymousCredentialsProvider.create()
                        : DefaultCredentialsProvider.builder().build());
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()))
                    // S3-compatible stores often reject the newer default checksums.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
