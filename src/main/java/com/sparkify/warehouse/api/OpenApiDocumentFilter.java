package com.sparkify.warehouse.api;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What annotations cannot say in the OpenAPI document: every operation that needs no token declares
 * {@code security: []} (the linters' rule, and what a client generator reads) and the 401 that
 * {@code sparkify.api.protect-reads} brings, and {@code servers} comes from {@code sparkify.api.server-url}.
 * Runs at build time, for the stored document, and again whenever the document is served, for the setting's
 * value at run time (a second run changes nothing else). Not at start-up: a start-up filter makes Quarkus
 * write the whole document out as JSON and YAML on the main thread before readiness, for a document asked
 * for rarely.
 */
@OpenApiFilter(stages = { OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_PER_REQUEST })
public class OpenApiDocumentFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        String url = ConfigProvider.getConfig().getOptionalValue("sparkify.api.server-url", String.class).orElse("/");
        openApi.setServers(List.of(OASFactory.createServer().url(url)
                .description("This service (sparkify.api.server-url)")));
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        openApi.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(OpenApiDocumentFilter::openUnlessDeclared));
    }

    private static void openUnlessDeclared(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(List.of());
            // Open by default, but protect-reads can close it: the caller should know what that 401 looks like.
            if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse("401")) {
                operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                        .description("Only with sparkify.api.protect-reads=true: missing or wrong bearer token")
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                OASFactory.createMediaType().schema(
                                        OASFactory.createSchema().ref("#/components/schemas/Problem")))));
            }
        }
    }
}
