package com.sparkify.warehouse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.sparkify.warehouse.config.ApiSettings;

import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token access: every request that changes something needs {@code Authorization: Bearer <token>},
 * reads too when {@code sparkify.api.protect-reads} is on. Tokens are compared in constant time.
 * Cluster administration ({@code /infra}) always needs it. Health and OpenAPI ({@code /q/...}) and the
 * dashboard's static files are never protected.
 */
@ApplicationScoped
public class ApiTokenFilter {

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiSettings settings;
    private final byte[] expected;

    public ApiTokenFilter(ApiSettings settings) {
        this.settings = settings;
        String token = settings.token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            // The only time a token is ever logged: without it nobody could use the service.
            LOG.warnf("No sparkify.api.token is set; this run's generated API token is %s "
                    + "(set SPARKIFY_API_TOKEN to choose one)", token);
        }
        this.expected = digest(token);
    }

    /** Creates the bean at start, so a generated token is logged before the first request. */
    void onStart(@Observes StartupEvent event) {
        // constructor did the work
    }

    @ServerRequestFilter
    public Response authorize(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean admin = path.startsWith("/infra");
        if (path.startsWith("/q/") || !admin && READS.contains(request.getMethod()) && !settings.protectReads()) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        if (presented != null && MessageDigest.isEqual(expected, digest(presented))) {
            return null;
        }
        Problem problem = Problem.of(401, "unauthorized", "Unauthorized",
                presented == null ? "this request needs an Authorization: Bearer <token> header"
                        : "the bearer token is not valid")
                .withInstance(path);
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sparkify\"")
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
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
