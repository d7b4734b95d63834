package com.sparkify.warehouse.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.sparkify.warehouse.config.SparkifyConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

import org.eclipse.microprofile.context.ManagedExecutor;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Turns source settings and run requests into {@link ObjectSource}s: parses and checks locations,
 * keeps request paths inside the allowed local roots, and owns the S3 client.
 */
@ApplicationScoped
public class SourceService {

    /** Memory the read-ahead may hold: a few event-log files or thousands of song files. */
    static final long READ_AHEAD_BYTES = 32L * 1024 * 1024;
    /** The largest S3 object read ahead into memory; bigger ones are streamed by their loader. */
    static final long S3_HOLD_BYTES = 8L * 1024 * 1024;
    /** The sources' asynchronous HTTP client (BENCHMARKS.md, "S3 at 30 ms", says why). */
    static final S3Clients.AsyncHttp ASYNC_HTTP = S3Clients.AsyncHttp.CRT;

    private final SparkifyConfig config;
    private final ChangeJournal journal;
    private volatile S3AsyncClient s3Async;
    private volatile S3Client s3;
    /** Guarded by this: shut down, no client is built any more. */
    private boolean closed;

    public SourceService(SparkifyConfig config, ChangeJournal journal) {
        this.config = config;
        this.journal = journal;
    }

    /**
     * The run's sources: the configured ones, each replaced by the request's value where it gives one.
     * Local paths from a request must lie inside {@code sparkify.source.allowed-local-roots}.
     */
    public EtlSources resolve(String songData, String logData, String logJsonPaths) {
        SparkifyConfig.Source source = config.source();
        EtlSources sources = new EtlSources(
                pick("songData", songData, source.songData()),
                pick("logData", logData, source.logData()),
                pick("logJsonPaths", logJsonPaths, source.logJsonpaths()));
        if (sources.jsonPathsUnderLogs()) {
            throw new InvalidSourceException("logJsonPaths", logJsonPaths == null ? source.logJsonpaths() : logJsonPaths,
                    "lies under logData " + sources.logData() + ", so loading the logs would load it as an event "
                            + "log too: keep it outside the log folder");
        }
        return sources;
    }

    /**
     * The configured JSONPaths file must not lie under the configured log folder either. A configured S3
     * source gets its client built now, beside the rest of the start, rather than on the first run's path.
     */
    void onStart(@Observes StartupEvent event, ManagedExecutor executor) {
        SparkifyConfig.Source source = config.source();
        EtlSources configured;
        try {
            configured = new EtlSources(SourceLocation.parse("songData", source.songData()),
                    SourceLocation.parse("logData", source.logData()),
                    SourceLocation.parse("logJsonPaths", source.logJsonpaths()));
        } catch (InvalidSourceException e) {
            return; // a malformed location fails each run with a message naming it
        }
        if (configured.jsonPathsUnderLogs()) {
            throw new ConfigurationException("sparkify.source.log-jsonpaths " + configured.logJsonPaths()
                    + " lies under sparkify.source.log-data " + configured.logData()
                    + ", so loading the logs would load it as an event log too: keep it outside the log folder");
        }
        if (configured.songData() instanceof SourceLocation.S3 || configured.logData() instanceof SourceLocation.S3) {
            executor.runAsync(() -> {
                try {
                    s3Async();
                } catch (RuntimeException e) {
                    // the first run builds it again and reports what is wrong
                }
            });
        }
    }

    /** Reader for a location. */
    public ObjectSource open(SourceLocation location) {
        if (location instanceof SourceLocation.S3 s3Location) {
            return new S3ObjectSource(s3Async(), s3Location, maxConcurrency());
        }
        return new LocalObjectSource(((SourceLocation.Local) location).path(), journal);
    }

    /** What changed under each watched local folder since the ledger last agreed with it. */
    public ChangeJournal journal() {
        return journal;
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
                "local paths must lie inside sparkify.source.allowed-local-roots (environment variable "
                        + "SPARKIFY_SOURCE_ALLOWED_LOCAL_ROOTS), a comma-separated list of directories read at "
                        + "start-up: add the directory and restart the service");
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

    /** Requests kept in flight to S3: {@code sparkify.source.s3.max-concurrency}. */
    public int maxConcurrency() {
        return Math.max(1, config.source().s3().maxConcurrency());
    }

    /** The asynchronous S3 client the sources read through, built on first use and shared. */
    public S3AsyncClient s3Async() {
        S3AsyncClient client = s3Async;
        if (client == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the service is shutting down");
                }
                if (s3Async == null) {
                    s3Async = buildS3Async(config.source().s3(), maxConcurrency(), ASYNC_HTTP);
                }
                client = s3Async;
            }
        }
        return client;
    }

    /** A blocking S3 client of the sources' settings (writes to a staging area), built on first use and shared. */
    public S3Client s3() {
        S3Client client = s3;
        if (client == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = buildS3(config.source().s3(), 16);
                }
                client = s3;
            }
        }
        return client;
    }

    /**
     * Loader threads of the embedded engine: {@code sparkify.etl.reader-threads}, or by default one per
     * core, local or S3 (S3's waits are the read-ahead's, whose requests in flight do not need threads).
     */
    public int readers(SourceLocation location) {
        int configured = config.etl().readerThreads();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Read-ahead for the embedded loader: local files get eight reader threads per core, so a cold page
     * cache's wait per small file overlaps; S3 objects are requested {@link #maxConcurrency()} at a time
     * on the asynchronous client, also while the listing still feeds {@code objects}. At most
     * {@link #READ_AHEAD_BYTES} are held in memory. A local listing must have ended.
     */
    public Prefetch readAhead(SourceLocation location, ObjectSource source, ObjectFeed objects) {
        if (source instanceof S3ObjectSource s3Source) {
            return new S3ReadAhead(s3Source, objects, s3Source.maxConcurrency(), READ_AHEAD_BYTES, S3_HOLD_BYTES);
        }
        if (!objects.ended()) {
            throw new IllegalStateException("a local listing is read ahead once it has ended");
        }
        int threads = Math.min(8 * Runtime.getRuntime().availableProcessors(), objects.size());
        return ReadAhead.start(source, objects.objects(), threads, READ_AHEAD_BYTES);
    }

    /** An asynchronous S3 client for the sources' settings, keeping up to {@code connections} requests in flight. */
    public static S3AsyncClient buildS3Async(SparkifyConfig.S3 settings, int connections, S3Clients.AsyncHttp http) {
        return S3Clients.buildAsync(settings(settings, connections), http);
    }

    private static S3Clients.Settings settings(SparkifyConfig.S3 settings, int connections) {
        return new S3Clients.Settings(settings.region(), settings.endpointOverride().orElse(null),
                settings.pathStyle(), settings.anonymous(), settings.maxAttempts(), settings.attemptTimeout(),
                connections);
    }

    /** A blocking S3 client for the sources' settings, pooling {@code connections} HTTP connections. */
    public static S3Client buildS3(SparkifyConfig.S3 settings, int connections) {
        return S3Clients.build(settings(settings, connections));
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
    synchronized void close() {
        // After this no client is built (the start's build may still be running): none is left open.
        closed = true;
        if (s3 != null) {
            s3.close();
        }
        if (s3Async != null) {
            s3Async.close();
        }
    }
}
