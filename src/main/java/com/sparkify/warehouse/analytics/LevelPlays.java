package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Songplays at one subscription level, and the users who played at it.
 */
@RegisterForReflection
@Schema(name = "LevelPlays", description = "Songplays at one level (the level at the time of the play)")
public record LevelPlays(
        @Schema(example = "paid", enumeration = { "free", "paid" }) String level,
        @Schema(description = "Distinct users who played at this level; a user who changed level counts in both",
                example = "22") long users,
        @Schema(example = "5591") long plays) {
}
