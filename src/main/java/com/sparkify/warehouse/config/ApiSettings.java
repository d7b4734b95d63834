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
     * When unset: {@code sparkify-dev-token} in dev mode, otherwise a random token generated at start and
     * logged once.
     */
    Optional<String> token();

    /** Also require the token for reads (job status, schema, analytics); health and OpenAPI stay open. */
    @WithDefault("false")
    boolean protectReads();

    /**
     * The URL the OpenAPI document lists under {@code servers} (clients generated from it call this); the
     * default {@code /} means the host that served the document. Set it behind a proxy that adds a prefix.
     */
    @WithDefault("/")
    String serverUrl();

    /** Largest request body accepted, in bytes; larger bodies get 413. */
    @WithDefault("65536")
    long maxBodyBytes();
}
