package com.sparkify.warehouse.analytics;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Row counts of every warehouse table and the ETL run whose data the star schema holds.
 */
@RegisterForReflection
@Schema(name = "Summary", description = "Row counts of the staging and star tables and the last successful ETL run")
public record Summary(
        @Schema(example = "8056") long stagingEvents,
        @Schema(example = "14896") long stagingSongs,
        @Schema(example = "6820") long songplays,
        @Schema(description = "Songplays matched to a catalog song (song_id set): title, artist name and duration "
                + "equal the event's", example = "319") long songplaysWithSong,
        @Schema(example = "96") long users,
        @Schema(example = "14896") long songs,
        @Schema(example = "9553") long artists,
        @Schema(example = "6813") long time,
        @Schema(description = "Id of the last successful ETL run, null when none has succeeded since the last reset",
                example = "5a1c3d9e-2b7f-4f61-9c0e-8e4d2a6b1f33") String lastRunId,
        @Schema(description = "When that run finished", example = "2026-11-27T09:01:04.127Z")
        Instant lastRunFinishedAt) {
}
