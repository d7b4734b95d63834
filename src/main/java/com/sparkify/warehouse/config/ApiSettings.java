package com.sparkify.warehouse.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Access to the API ({@code sparkify.api.*}).
 */
@ConfigMapping(prefix = "sparkify.api")
public interface ApiSettings {

    /**
     * Bearer token required by every endpoint that changes something (env {@code SPARKIFY_API_TOKEN}).
     * When unset, a random token is generated at start and logged once.
     */
    Optional<String> token();

    /** Also require the token for reads (job status, schema, analytics); health and OpenAPI stay open. */
    @WithDefault("false")
    boolean protectReads();

    /** Largest request body accepted, in bytes; larger bodies get 413. */
    @WithDefault("65536")
    long maxBodyBytes();
}
