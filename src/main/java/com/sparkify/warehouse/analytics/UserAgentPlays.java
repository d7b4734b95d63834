package com.sparkify.warehouse.analytics;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Songplays from one browser family on one operating-system family.
 */
@RegisterForReflection
@Schema(name = "UserAgentPlays", description = "Songplays and users per browser and OS family of the user agent")
public record UserAgentPlays(
        @Schema(example = "Chrome",
                enumeration = { "Chrome", "Edge", "Firefox", "Internet Explorer", "Opera", "Safari", "Other" })
        String browser,
        @Schema(example = "Mac OS X",
                enumeration = { "Windows", "Mac OS X", "iOS", "Android", "Linux", "Other" })
        String os,
        @Schema(example = "1408") long plays,
        @Schema(description = "Distinct users with this browser and OS", example = "16") long users) {
}
