package com.sparkify.warehouse.run;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional per-run overrides of the configured sources.
 */
@Schema(name = "EtlRunRequest", description = "Sources for this run; each omitted field uses the configured one")
public record EtlRequest(
        @Schema(description = "Song files: s3://bucket/prefix, file:///path or a path inside sparkify.source.allowed-local-roots",
                example = "s3://udacity-dend/song_data") String songData,
        @Schema(description = "Event logs, same forms as songData", example = "s3://udacity-dend/log_data") String logData,
        @Schema(description = "Redshift JSONPaths file for the events", example = "s3://udacity-dend/log_json_path.json")
        String logJsonPaths,
        @Schema(description = "full or incremental; omitted: sparkify.etl.default-mode", example = "incremental",
                enumeration = { "full", "incremental" }) String mode) {

    public static final EtlRequest DEFAULTS = new EtlRequest(null, null, null, null);
}
