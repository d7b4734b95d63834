package com.sparkify.warehouse.run;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional per-run overrides of the configured sources, and the run's mode.
 */
@Schema(name = "EtlRunRequest", description = "Sources for this run; each omitted field uses the configured one")
public record EtlRequest(
        @Schema(description = "Song files: s3://bucket/prefix, file:///path or a path inside sparkify.source.allowed-local-roots",
                example = "s3://udacity-dend/song_data") String songData,
        @Schema(description = "Event logs, same forms as songData", example = "s3://udacity-dend/log_data") String logData,
        @Schema(description = "Redshift JSONPaths file for the events", example = "s3://udacity-dend/log_json_path.json")
        String logJsonPaths,
        @Schema(description = "full: reload everything and replace the star schema; incremental: load only the objects "
                + "the ledger (GET /etl/ledger) has not recorded, or that changed since, and merge them. Omitted: "
                + "sparkify.etl.default-mode", enumeration = { "full", "incremental" }, example = "incremental")
        String mode) {

    public static final EtlRequest DEFAULTS = new EtlRequest(null, null, null, null);

    /** The sources without a mode (the configured default decides). */
    public EtlRequest(String songData, String logData, String logJsonPaths) {
        this(songData, logData, logJsonPaths, null);
    }
}
