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
 * {@code security: []} (the linters' rule, and what a client generator reads), and {@code servers} comes from
 * {@code sparkify.api.server-url}. Runs at build time, for the stored document, and again at start-up, for
 * the setting's value at run time.
 */
@OpenApiFilter(stages = { OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP })
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
        }
    }
}
