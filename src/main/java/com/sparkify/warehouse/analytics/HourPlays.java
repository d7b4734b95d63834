package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Songplays in one hour of the day (UTC).
 */
@RegisterForReflection
@Schema(name = "HourPlays", description = "Songplays that started in one hour of the day, UTC")
public record HourPlays(
        @Schema(description = "Hour of the day, 0-23, UTC", example = "16") int hour,
        @Schema(example = "542") long plays) {
}
