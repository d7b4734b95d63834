package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A listener location among those with the most songplays.
 */
@RegisterForReflection
@Schema(name = "TopLocation", description = "A location and the songplays and users there")
public record TopLocation(
        @Schema(description = "Position in the ordered list, 1..n; ties get consecutive ranks", example = "1")
        int rank,
        @Schema(example = "San Francisco-Oakland-Hayward, CA") String location,
        @Schema(example = "691") long plays,
        @Schema(description = "Distinct users who played from this location", example = "2") long users) {
}
