package com.sparkify.warehouse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.sparkify.warehouse.config.ApiSettings;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The API's one bearer token: {@code sparkify.api.token}; unset, a fixed documented one in dev mode (which
 * listens on localhost only) and a random one logged once otherwise. A token that was set is never logged.
 * Tokens are compared in constant time.
 */
@ApplicationScoped
public class ApiToken {

    /** The token dev mode uses when none is set (README, Quick start). */
    public static final String DEV_TOKEN = "sparkify-dev-token";

    private static final Logger LOG = Logger.getLogger(ApiToken.class);
    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private final String devToken;
    private final int port;

    @Inject
    public ApiToken(ApiSettings settings,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this(settings.token(), LaunchMode.current(), port);
    }

    ApiToken(Optional<String> configured, LaunchMode mode, int port) {
        String token = configured.filter(t -> !t.isBlank()).orElse(null);
        this.port = port;
        if (token == null && mode == LaunchMode.DEVELOPMENT) {
            token = DEV_TOKEN;
            devToken = token;
        } else if (token == null) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            devToken = null;
            // The only time a token is ever logged: without it nobody could use the service.
            LOG.warnf("No sparkify.api.token is set; this run's generated API token is %s "
                    + "(set SPARKIFY_API_TOKEN to choose one)", token);
        } else {
            devToken = null;
        }
        this.expected = digest(token);
    }

    /** The token to name in the ready line: dev mode's fixed one, never a token that was set or generated. */
    Optional<String> devToken() {
        return Optional.ofNullable(devToken);
    }

    /** Creates the bean at start, so a generated token is logged before the first request. */
    void onStart(@Observes StartupEvent event) {
        if (devToken != null) {
            // A cold dev-mode start prints thousands of lines: this one, near the end, says what a newcomer needs.
            LOG.infof("Ready on http://localhost:%d/ (dashboard); dev mode's API token is %s "
                    + "(Authorization: Bearer %s; set SPARKIFY_API_TOKEN to choose one)", port, devToken, devToken);
        }
    }

    /** Whether a presented token is the API's. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(expected, digest(presented));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null for none or another scheme. */
    public static String presented(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
    }

    /** Hashing first gives equal-length inputs, so the comparison time says nothing about the token. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
