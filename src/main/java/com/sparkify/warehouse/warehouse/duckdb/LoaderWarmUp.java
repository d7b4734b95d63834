package com.sparkify.warehouse.warehouse.duckdb;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.generator.DirectorySink;
import com.sparkify.warehouse.generator.GeneratorOptions;
import com.sparkify.warehouse.generator.SampleDataGenerator;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Tables;

import org.duckdb.DuckDBConnection;

/**
 * Runs the embedded loader, the real staging code with its threads, read-ahead and appenders, over
 * generated files into a throw-away in-memory catalog attached to the warehouse's own DuckDB (under
 * the warehouse's memory limit, no second database's memory). A fresh JVM runs that code interpreted
 * at first, and on two cores the JIT compiling it competes with the loaders: the first run after a
 * start took half as long again as the later ones. A warm-up with classes of its own was not enough:
 * the first real load met other receiver types and branches, and the JIT threw its code away and
 * compiled again while the load ran. The generated event logs take the path local logs take in a run
 * (the parser's check, then DuckDB's reader, {@link NativeJsonScan}), and every other pass the service's
 * loader, as logs from S3 do. No warehouse table is touched.
 */
final class LoaderWarmUp {

    /** Enough records for the JIT's compile thresholds several times over. */
    private static final int EVENTS = 20_000;
    private static final int SONGS = 1_000;
    /**
     * The event logs are generated once for a fifth of {@link #EVENTS} and copied: generating them all made
     * the JIT compile the generator (over a second of its time on two cores) while the loader's code
     * waited in its queue, and that code was then compiled during the first run instead.
     */
    private static final int COPIES = 5;
    /** Logs of about 670 events each, as the 30 days of all {@link #EVENTS} would have. */
    private static final int DAYS = 6;
    private static final int MIN_PASSES = 2;
    /** At most this many passes (a quarter to half a second each on two cores) while the JIT stays busy. */
    private static final int MAX_PASSES = 6;

    /** The scratch catalog's name, unlike any the warehouse uses. */
    static final String CATALOG = "sparkify_warm_up";
    /** Where the generated files go, in the system's temporary directory; deleted afterwards. */
    static final String DIRECTORY_PREFIX = "sparkify-warm-up-";

    private final DataSource dataSource;
    private final SqlLibrary sql;
    private final DuckDbStager stager;
    /** The service's loader for the logs too (S3 sources, declined logs): null when that is the stager. */
    private final DuckDbStager loaderOnly;

    LoaderWarmUp(DataSource dataSource, SqlLibrary sql, SourceService sources, SparkifyConfig.Etl settings,
            ObjectMapper json, boolean nativeReader) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.stager = new DuckDbStager(dataSource, sql, sources, settings, json, nativeReader, CATALOG);
        this.loaderOnly = nativeReader ? new DuckDbStager(dataSource, sql, sources, settings, json, false, CATALOG)
                : null;
    }

    /**
     * Stages the generated files until the JIT is done with the loader: at least {@link #MIN_PASSES}
     * times, then until a pass spends under a quarter of its time compiling (on two cores the compiler
     * queue after start-up is long, and the hot methods reached only then would otherwise be compiled
     * during the first real load).
     */
    Summary run() throws Exception {
        Path dir = Files.createTempDirectory(DIRECTORY_PREFIX);
        try {
            generate(dir);
            EtlSources generated = EtlSources.local(dir);
            Map<String, String> scratch = Map.of("catalog", CATALOG);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql.render("warm_up/attach", scratch));
                try {
                    createStagingTables(c);
                    return stageUntilCompiled(generated);
                } finally {
                    s.execute(sql.render("warm_up/detach", scratch));
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** {@link #SONGS} song files and {@link #EVENTS} events: each day's log is there {@link #COPIES} times. */
    private static void generate(Path dir) throws IOException {
        new SampleDataGenerator().generate(
                GeneratorOptions.builder().songs(SONGS).events(EVENTS / COPIES).days(DAYS).build(),
                new DirectorySink(dir));
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir.resolve(EtlSources.LOG_DATA))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        for (Path log : logs) {
            String name = log.getFileName().toString();
            for (int copy = 2; copy <= COPIES; copy++) {
                Files.copy(log, log.resolveSibling(name.replace(".json", "-" + copy + ".json")));
            }
        }
    }

    /** What the warm-up staged: all its rows, and which reader took the event logs in each pass. */
    record Summary(long rows, List<String> eventReaders) {
    }

    private Summary stageUntilCompiled(EtlSources generated) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long rows = 0;
        List<String> eventReaders = new ArrayList<>();
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            long started = System.nanoTime();
            long compiling = jit.getTotalCompilationTime();
            Job job = Job.detached(JobType.ETL_RUN);
            // Every other pass loads the logs through the appenders too: their chunks then fill and
            // flush, a branch the song files (one row each, split between the loader threads) never
            // reach in a pass. Compiled without it, the loader was thrown away at the first real run's
            // first full chunk and compiled again while that run went on.
            (pass % 2 == 0 && loaderOnly != null ? loaderOnly : stager).stage(generated, job);
            rows += job.view().progress().rowsStaged().values().stream().mapToLong(Long::longValue).sum();
            String reader = job.detail(DuckDbStager.readerDetail(Tables.STAGING_EVENTS));
            eventReaders.add(DuckDbStager.DUCKDB_READER.equals(reader) ? reader : "service");
            long passMs = (System.nanoTime() - started) / 1_000_000;
            if (pass >= MIN_PASSES && (jit.getTotalCompilationTime() - compiling) * 4 < passMs) {
                break;
            }
        }
        return new Summary(rows, List.copyOf(eventReaders));
    }

    /**
     * The staging tables from the warehouse's own DDL, made in the scratch catalog through a connection
     * of their own: {@code USE} stays with that connection, and the pool's go on using the warehouse.
     */
    private void createStagingTables(Connection pooled) throws SQLException {
        try (Connection own = pooled.unwrap(DuckDBConnection.class).duplicate(); Statement s = own.createStatement()) {
            s.execute(sql.render("warm_up/use", Map.of("catalog", CATALOG)));
            for (String table : Tables.STAGING) {
                s.execute(sql.get("schema/create_" + table));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
