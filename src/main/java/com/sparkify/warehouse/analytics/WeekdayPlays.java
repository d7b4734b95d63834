package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Songplays on one day of the week (UTC).
 */
@RegisterForReflection
@Schema(name = "WeekdayPlays", description = "Songplays that started on one day of the week, UTC")
public record WeekdayPlays(
        @Schema(description = "ISO day of the week: 1 = Monday ... 7 = Sunday", example = "1") int weekday,
        @Schema(example = "1014") long plays) {
}
