package com.sparkify.warehouse.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.config.SparkifyConfig;

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
 * Turns source settings and run requests into {@link ObjectSource}s: parses and checks locations,
 * keeps request paths inside the allowed local roots, and owns the S3 client.
 */
@ApplicationScoped
public class SourceService {

    private final SparkifyConfig config;
    private volatile S3Client s3;

    public SourceService(SparkifyConfig config) {
        this.config = config;
    }

    /**
     * The run's sources: the configured ones, each replaced by the request's value where it gives one.
     * Local paths from a request must lie inside {@code sparkify.source.allowed-local-roots}.
     */
    public EtlSources resolve(String songData, String logData, String logJsonPaths) {
        SparkifyConfig.Source source = config.source();
        return new EtlSources(
                pick("songData", songData, source.songData()),
                pick("logData", logData, source.logData()),
                pick("logJsonPaths", logJsonPaths, source.logJsonpaths()));
    }

    /** Reader for a location. */
    public ObjectSource open(SourceLocation location) {
        if (location instanceof SourceLocation.S3 s3Location) {
            return new S3ObjectSource(s3(), s3Location);
        }
        return new LocalObjectSource(((SourceLocation.Local) location).path());
    }

    /** The endpoint S3 requests go to, for error messages. */
    public String s3Endpoint() {
        return config.source().s3().endpointOverride().orElse("AWS S3 in " + config.source().s3().region());
    }

    private SourceLocation pick(String field, String requested, String configured) {
        if (requested == null) {
            return SourceLocation.parse(field, configured);
        }
        SourceLocation location = SourceLocation.parse(field, requested);
        if (location instanceof SourceLocation.Local local) {
            checkAllowed(field, requested, local.path());
        }
        return location;
    }

    /** Resolves links first, so neither {@code ..} nor a symbolic link can leave the allowed roots. */
    private void checkAllowed(String field, String requested, Path path) {
        List<Path> roots = config.source().allowedLocalRoots();
        Path real = realPath(path);
        for (Path root : roots) {
            Path realRoot = realPath(root.toAbsolutePath().normalize());
            if (real.startsWith(realRoot)) {
                return;
            }
        }
        throw new InvalidSourceException(field, requested,
                "local paths must lie inside sparkify.source.allowed-local-roots");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            // A path that does not exist yet: resolve its closest existing parent instead.
            Path parent = path.getParent();
            return parent == null ? path : realPath(parent).resolve(path.getFileName());
        }
    }

    private S3Client s3() {
        S3Client client = s3;
        if (client == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = buildS3(config.source().s3(),
                            Math.max(config.etl().readerThreads(), 4 * Runtime.getRuntime().availableProcessors()));
                }
                client = s3;
            }
        }
        return client;
    }

    /** An S3 client for the given settings; also used by the sample generator's S3 sink. */
    public static S3Client buildS3(SparkifyConfig.S3 settings, int connections) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(4, connections * 2)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build())
                        .apiCallAttemptTimeout(settings.attemptTimeout()))
                .credentialsProvider(settings.anonymous()
                        ? AnonymousCredentialsProvider.create()
                        : DefaultCredentialsProvider.builder().build());
        Optional<String> endpoint = settings.endpointOverride().filter(s -> !s.isBlank());
        if (endpoint.isPresent()) {
            builder.endpointOverride(URI.create(endpoint.get()))
                    // S3-compatible stores often reject the newer default checksums.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /** Whether a local location exists and holds at least one JSON file. */
    public static boolean hasLocalData(Path path) {
        try (var files = Files.walk(path)) {
            return files.anyMatch(p -> p.toString().endsWith(".json"));
        } catch (IOException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
