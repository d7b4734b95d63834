package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.support.ScriptedJdbc;
import com.sparkify.warehouse.warehouse.SqlLibrary;

/**
 * Settings, S3 listings and golden files shared by the Redshift engine's tests.
 */
final class RedshiftFixtures {

    static final String ROLE = "arn:aws:iam::123456789012:role/sparkify-redshift-s3-read";
    static final String URL = "jdbc:redshift://sparkify-dwh.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com:5439/sparkify";

    /** As written in the settings; the song and log prefixes get their trailing slash. */
    static final EtlSources UDACITY = new EtlSources(new SourceLocation.S3("udacity-dend", "song_data"),
            new SourceLocation.S3("udacity-dend", "log_data"),
            new SourceLocation.S3("udacity-dend", "log_json_path.json"));

    static final List<SourceObject> SONGS = List.of(
            new SourceObject("song_data/A/A/A/TRAAAAK128F9318786.json", 240),
            new SourceObject("song_data/A/A/B/TRAABJL12903CDCF1A.json", 260));
    static final List<SourceObject> LOGS = List.of(
            new SourceObject("log_data/2018/11/2018-11-01-events.json", 7_000),
            new SourceObject("log_data/2018/11/2018-11-02-events.json", 9_000),
            new SourceObject("log_data/2018/11/2018-11-03-events.json", 11_000));
    static final List<SourceObject> JSONPATHS = List.of(new SourceObject("log_json_path.json", 620));

    private RedshiftFixtures() {
    }

    static RedshiftSettings settings(String role, String region) {
        return settings(role, region, true);
    }

    static RedshiftSettings settings(String role, String region, boolean vacuumAfterRun) {
        return new RedshiftSettings() {
            @Override
            public Optional<String> iamRole() {
                return Optional.ofNullable(role);
            }

            @Override
            public String region() {
                return region;
            }

            @Override
            public Optional<String> stagingPrefix() {
                return Optional.empty();
            }

            @Override
            public long compactBelow() {
                return 1_048_576;
            }

            @Override
            public int compactionParts() {
                return 16;
            }

            @Override
            public boolean vacuumAfterRun() {
                return vacuumAfterRun;
            }
        };
    }

    /** The Udacity bucket as listed from S3: two song files, three log days, one JSONPaths file. */
    static Function<SourceLocation, ObjectSource> udacityListing() {
        return listing(Map.of("s3://udacity-dend/song_data/", SONGS, "s3://udacity-dend/log_data/", LOGS,
                "s3://udacity-dend/log_json_path.json", JSONPATHS));
    }

    static Function<SourceLocation, ObjectSource> listing(Map<String, List<SourceObject>> objects) {
        return listing(objects, Map.of());
    }

    /** As {@link #listing(Map)}, with keys that are not .json beside the objects of some locations. */
    static Function<SourceLocation, ObjectSource> listing(Map<String, List<SourceObject>> objects,
            Map<String, List<String>> others) {
        return location -> new ObjectSource() {
            @Override
            public List<SourceObject> list() {
                return objects.getOrDefault(location.toString(), List.of());
            }

            @Override
            public Listing listing() {
                return new Listing(list(), others.getOrDefault(location.toString(), List.of()));
            }

            @Override
            public InputStream open(SourceObject object) {
                throw new UnsupportedOperationException("COPY reads the objects, never the service");
            }
        };
    }

    static RedshiftStager stager(ScriptedJdbc jdbc, String region, int maxErrors, boolean truncateColumns,
            Function<SourceLocation, ObjectSource> listing) {
        CopyCommands copy = new CopyCommands(new SqlLibrary("redshift"), ROLE, region, truncateColumns);
        return new RedshiftStager(jdbc.dataSource(), copy, listing, () -> "AWS S3 in us-west-2", maxErrors, () -> null);
    }

    /** The statements as a golden file holds them: each ends with {@code ;} and a blank line follows. */
    static String script(List<String> statements) {
        return String.join(";\n\n", statements) + ";\n";
    }

    static String golden(String name) {
        String path = "golden/redshift/" + name + ".sql";
        try (InputStream in = RedshiftFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
