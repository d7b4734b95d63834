package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A song among the most played, counting only songplays matched to the song catalog.
 */
@RegisterForReflection
@Schema(name = "TopSong", description = "A song and how often it was played")
public record TopSong(
        @Schema(description = "Position in the ordered list, 1..n; ties get consecutive ranks", example = "1")
        int rank,
        @Schema(example = "SOBONKR12A58A7A7E0") String songId,
        @Schema(example = "You're The One") String title,
        @Schema(description = "Artist name from the artists table", example = "Dwight Yoakam") String artist,
        @Schema(example = "37") long plays) {
}
