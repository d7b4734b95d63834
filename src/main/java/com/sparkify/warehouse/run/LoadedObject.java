package com.sparkify.warehouse.run;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One object the ledger records as loaded, as {@code GET /etl/ledger} lists it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "LoadedObject", description = "A source object a run loaded")
public record LoadedObject(
        @Schema(description = "The song or log location it was listed under", example = "s3://udacity-dend/log_data/")
        String source,
        @Schema(description = "Its key, as load errors name it", example = "log_data/2018/11/2018-11-30-events.json")
        String key,
        @Schema(description = "Bytes, as listed", example = "232513") long size,
        @Schema(description = "S3's ETag, or a local file's modification time, as listed; null where unknown",
                nullable = true, example = "\"0d5d4c3b1b5e4f8e9a3c2b1a0f9e8d7c\"") String etag,
        @Schema(description = "Rows staged from it, where the engine reports them per object (a run that loaded "
                + "one object of its kind); null otherwise", nullable = true, example = "374") Long rows,
        @Schema(description = "The run that loaded it", example = "2f9d0c53-6a43-4c4e-9a59-3e5f2a7d5b11") String runId,
        @Schema(description = "When that run committed it") Instant loadedAt) {
}
