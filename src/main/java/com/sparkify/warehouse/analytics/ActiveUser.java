package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A listener among the most active, with name and current level from the users table.
 */
@RegisterForReflection
@Schema(name = "ActiveUser", description = "A user and how many songs they played")
public record ActiveUser(
        @Schema(description = "Position in the ordered list, 1..n; ties get consecutive ranks", example = "1")
        int rank,
        @Schema(example = "49") int userId,
        @Schema(example = "Chloe") String firstName,
        @Schema(example = "Cuevas") String lastName,
        @Schema(description = "The user's latest level (users.level), whatever the level filter", example = "paid")
        String level,
        @Schema(example = "689") long plays) {
}
