package com.sparkify.warehouse.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three inputs of an ETL run, each already checked: song files, event logs and the JSONPaths file.
 */
public record EtlSources(SourceLocation songData, SourceLocation logData, SourceLocation logJsonPaths) {

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
