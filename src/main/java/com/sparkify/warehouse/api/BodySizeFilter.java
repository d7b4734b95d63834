package com.sparkify.warehouse.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.sparkify.warehouse.config.ApiSettings;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 413 as problem+json for bodies over {@code sparkify.api.max-body-bytes}, before they are read.
 * HTTP's own limit (quarkus.http.limits.max-body-size) stays above it as a backstop for bodies
 * sent without a length.
 */
public class BodySizeFilter {

    private final ApiSettings settings;

    public BodySizeFilter(ApiSettings settings) {
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= settings.maxBodyBytes()) {
            return null;
        }
        return Response.status(413).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(413, "payload-too-large", "Payload Too Large",
                        "the request body has " + bytes + " bytes; at most " + settings.maxBodyBytes() + " are accepted")
                        .withInstance(request.getUriInfo().getPath()))
                .build();
    }
}
