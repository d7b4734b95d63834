package com.sparkify.warehouse.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * API-wide OpenAPI facts: the bearer scheme behind Swagger UI's "Authorize" button.
 */
@OpenAPIDefinition(info = @Info(title = "Sparkify Warehouse API", version = "1.0.0"))
@SecurityScheme(securitySchemeName = OpenApiDefinition.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The value of sparkify.api.token (env SPARKIFY_API_TOKEN; sparkify-dev-token in dev mode when "
                + "unset). Each operation declares whether the default configuration needs it: writes and /infra "
                + "do, reads do not. With sparkify.api.protect-reads=true every operation needs it.")
public class OpenApiDefinition extends Application {

    public static final String BEARER = "bearer";
}
