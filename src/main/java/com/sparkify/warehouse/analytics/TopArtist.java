package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An artist among the most played, counting only songplays matched to the song catalog.
 */
@RegisterForReflection
@Schema(name = "TopArtist", description = "An artist and how often their songs were played")
public record TopArtist(
        @Schema(description = "Position in the ordered list, 1..n; ties get consecutive ranks", example = "1")
        int rank,
        @Schema(example = "AR5E44Z1187B9A1D74") String artistId,
        @Schema(description = "Name from the artists table", example = "Dwight Yoakam") String artist,
        @Schema(example = "37") long plays) {
}
