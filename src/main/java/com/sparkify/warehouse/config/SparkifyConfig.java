package com.sparkify.warehouse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every {@code sparkify.*} setting of the service, in one place.
 */
@ConfigMapping(prefix = "sparkify")
public interface SparkifyConfig {

    /** Directory for the embedded warehouse file and the generated sample data. */
    @WithDefault("./data")
    Path dataDir();

    /**
     * Stop as soon as the service is ready: the training start that writes the class-data archive the
     * service starts from (README, "Running the packaged service and Docker"). Never set on a service
     * that should keep running.
     */
    @WithDefault("false")
    boolean exitWhenReady();

    /** Which warehouse engine runs the job. */
    WarehouseSettings warehouse();

    /** Where the raw JSON comes from. */
    Source source();

    /** How ETL runs behave. */
    Etl etl();

    /** Settings of the embedded DuckDB engine. */
    DuckDb duckdb();

    /** Settings of the sample data generated on first start of the embedded default. */
    Sample sample();

    /** Engine selection. */
    interface WarehouseSettings {
        /** {@code duckdb} (embedded default) or {@code redshift}. */
        @WithDefault("duckdb")
        String engine();
    }

    /** Raw data locations: {@code s3://bucket/prefix}, {@code file:///abs/path} or a relative path. */
    interface Source {
        /** Song metadata prefix (Million Song Dataset JSON, one song per file). */
        String songData();

        /** Event log prefix (eventsim JSON lines, one file per day). */
        String logData();

        /** Redshift JSONPaths file that maps event fields to staging_events columns. */
        String logJsonpaths();

        /** Local directories that request bodies may point a run at; a path outside them is refused. */
        @WithDefault("${sparkify.data-dir}")
        List<Path> allowedLocalRoots();

        /**
         * Watch local source folders for changes (Linux, local file systems) once a run has listed them, so
         * that an incremental run reads only the files changed since the run before it instead of listing
         * every file. Off: every incremental run lists its folders whole, for files changed in ways the
         * kernel does not notify (writes through a memory map or a hard link from outside the folder, a file
         * system mounted below it).
         */
        @WithDefault("true")
        boolean watch();

        /** S3 client settings. */
        S3 s3();
    }

    /** S3 (or any S3-compatible store) client settings. */
    interface S3 {
        /** Region of the bucket. */
        @WithDefault("us-west-2")
        String region();

        /** Endpoint of an S3-compatible store (MinIO, S3Proxy, ...); AWS when empty. */
        Optional<String> endpointOverride();

        /** Path-style addressing, needed by most S3-compatible stores. */
        @WithDefault("false")
        boolean pathStyle();

        /** Anonymous access for public buckets such as udacity-dend; otherwise the default credentials chain. */
        @WithDefault("false")
        boolean anonymous();

        /** Attempts per S3 request, the first included; failed ones are retried with exponential backoff. */
        @WithDefault("4")
        int maxAttempts();

        /** Longest one attempt may take before it is abandoned and retried, so a stalled endpoint cannot hang a run. */
        @WithDefault("60s")
        Duration attemptTimeout();

        /**
         * Requests the embedded engine keeps in flight to S3 at once (GETs read ahead and listings),
         * independent of the loader threads: at S3's latency per request, this bounds the objects read
         * per second.
         */
        @WithDefault("128")
        int maxConcurrency();
    }

    /** ETL run behaviour. */
    interface Etl {
        /** Bad records skipped and reported before the run fails, as COPY's MAXERROR. */
        @WithDefault("0")
        int maxErrors();

        /**
         * Loader threads of the embedded engine, each reading, parsing and appending its own objects.
         * 0 picks one per core (the work is CPU-bound; S3's waits are the read-ahead's requests in flight,
         * {@code sparkify.source.s3.max-concurrency}).
         */
        @WithDefault("0")
        int readerThreads();

        /** Largest single JSON record accepted, as Redshift's 4 MB limit. */
        @WithDefault("4194304")
        int maxRecordBytes();

        /** Cut strings longer than their column instead of rejecting the record (COPY's TRUNCATECOLUMNS). */
        @WithDefault("true")
        boolean truncateColumns();

        /**
         * Mode of a run whose request names none: {@code full} (reload everything) or {@code incremental}
         * (load only what the ledger has not recorded, and merge it).
         */
        @WithDefault("full")
        String defaultMode();

        /**
         * When the service starts ETL runs itself: a cron expression in the Quarkus scheduler's syntax
         * (Quartz: seconds first, e.g. {@code 0 30 2 * * ?} for 02:30 every day, in the service's time
         * zone). Unset: no scheduled runs.
         */
        Optional<String> schedule();

        /** The mode of scheduled runs: {@code full} or {@code incremental}. */
        @WithDefault("incremental")
        String scheduleMode();
    }

    /** Embedded engine settings. */
    interface DuckDb {
        /** DuckDB memory limit, e.g. {@code 512MB}; keeps the service's footprint bounded on big loads. */
        @WithDefault("192MB")
        String memoryLimit();

        /**
         * Write-ahead log size at which DuckDB checkpoints on a commit, e.g. {@code 128MB}. The service
         * checkpoints after every job; this bounds what a big run holds in memory before it is written.
         */
        @WithDefault("128MB")
        String checkpointThreshold();

        /**
         * Local event logs (JSON lines, few large files) are read by DuckDB's own JSON reader while the
         * service's parser checks every record (faster on large logs, see BENCHMARKS.md); a
         * file with a record the two could read differently, or any error, goes back to the service's
         * loader and its COPY rules. False always uses the service's loader.
         */
        @WithDefault("true")
        boolean nativeReader();

        /**
         * How long the service tries to reopen the database after DuckDB invalidated it (a fatal write
         * error) before liveness reports it broken, so an orchestrator restarts the process. Reads are
         * answered 503 meanwhile; attempts go on after it.
         */
        @WithDefault("30s")
        Duration reopenTimeout();
    }

    /** Sample data for the embedded default. */
    interface Sample {
        /** Generate a small sample into the local song/log source when it is empty at start-up. */
        @WithName("generate-on-start")
        @WithDefault("false")
        boolean generateOnStart();

        /** Songs in the generated sample; the default is {@code generate}'s, so both write the same data. */
        @WithDefault("300")
        int songs();

        /** Events in the generated sample; the default is {@code generate}'s. */
        @WithDefault("8000")
        int events();
    }

}
