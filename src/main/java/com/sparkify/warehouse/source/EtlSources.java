package com.sparkify.warehouse.source;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three inputs of an ETL run, each already checked: song files, event logs and the JSONPaths file.
 */
public record EtlSources(SourceLocation songData, SourceLocation logData, SourceLocation logJsonPaths) {

    /** As shown in a run's status: locations only, never credentials. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("songData", songData.toString());
        m.put("logData", logData.toString());
        m.put("logJsonPaths", logJsonPaths.toString());
        return m;
    }
}
