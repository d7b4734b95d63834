package com.sparkify.warehouse.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three inputs of an ETL run, each already checked: song files, event logs and the JSONPaths file.
 * The S3 song and log locations are folders: a prefix without a trailing {@code /} gets one, because
 * COPY loads every key that starts with its prefix ({@code song_data} would also load
 * {@code song_data_old/...}); the JSONPaths location names one object and is kept as given.
 */
public record EtlSources(SourceLocation songData, SourceLocation logData, SourceLocation logJsonPaths,
        Selection selection) {

    public EtlSources {
        songData = folder(songData);
        logData = folder(logData);
    }

    /** Every object of the locations. */
    public EtlSources(SourceLocation songData, SourceLocation logData, SourceLocation logJsonPaths) {
        this(songData, logData, logJsonPaths, null);
    }

    /**
     * Listings made before the load, of only the objects to load (an incremental run's new and changed
     * ones): a load reads these instead of listing the locations, and may load none of one kind.
     */
    public record Selection(ObjectSource.Listing songs, ObjectSource.Listing logs) {
    }

    /** These sources, loading only the selected objects. */
    public EtlSources selecting(ObjectSource.Listing songs, ObjectSource.Listing logs) {
        return new EtlSources(songData, logData, logJsonPaths, new Selection(songs, logs));
    }

    /** Whether a load reads only selected objects (and so may find none of a kind). */
    public boolean selective() {
        return selection != null;
    }

    /** The objects to load from the song or log location: the selection's, or all that {@code source} lists. */
    public ObjectSource.Listing listing(SourceLocation location, ObjectSource source) throws java.io.IOException {
        if (selection != null && location.equals(songData)) {
            return selection.songs();
        }
        if (selection != null && location.equals(logData)) {
            return selection.logs();
        }
        return source.listing();
    }

    /** {@code s3://bucket/prefix} as {@code s3://bucket/prefix/}; the bucket root and local paths unchanged. */
    public static SourceLocation folder(SourceLocation location) {
        if (location instanceof SourceLocation.S3 s3 && !s3.prefix().isEmpty() && !s3.prefix().endsWith("/")) {
            return new SourceLocation.S3(s3.bucket(), s3.prefix() + "/");
        }
        return location;
    }

    /**
     * Whether the JSONPaths location lies under the log location, where loading the logs would load it
     * as an event log too (COPY reads every key under the prefix).
     */
    public boolean jsonPathsUnderLogs() {
        if (logData instanceof SourceLocation.S3 logs && logJsonPaths instanceof SourceLocation.S3 paths) {
            return logs.bucket().equals(paths.bucket()) && paths.prefix().startsWith(logs.prefix());
        }
        if (logData instanceof SourceLocation.Local logs && logJsonPaths instanceof SourceLocation.Local paths) {
            return paths.path().startsWith(logs.path());
        }
        return false;
    }

    /** The song files' folder in the bucket's layout. */
    public static final String SONG_DATA = "song_data";
    /** The event logs' folder in the bucket's layout. */
    public static final String LOG_DATA = "log_data";
    /** The JSONPaths file's name in the bucket's layout. */
    public static final String JSON_PATHS_FILE = "log_json_path.json";

    /** The Udacity bucket's layout under a local folder: {@code song_data/}, {@code log_data/} and the JSONPaths file. */
    public static EtlSources local(Path root) {
        return new EtlSources(new SourceLocation.Local(root.resolve(SONG_DATA)),
                new SourceLocation.Local(root.resolve(LOG_DATA)),
                new SourceLocation.Local(root.resolve(JSON_PATHS_FILE)));
    }

    /** As shown in a run's status: locations only, never credentials. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("songData", songData.toString());
        m.put("logData", logData.toString());
        m.put("logJsonPaths", logJsonPaths.toString());
        return m;
    }
}
