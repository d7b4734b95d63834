package com.sparkify.warehouse.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Sends the test profile's API token with every RestAssured request that has no Authorization header
 * of its own, so tests of other behaviour need not repeat it. Access tests call {@link #disable()} in
 * their {@code @BeforeEach}, which runs after this callback.
 */
public class AuthorizedByDefault implements QuarkusTestBeforeEachCallback {

    /** {@code %test.sparkify.api.token} in application.properties. */
    public static final String TOKEN = "test-token";

    private static volatile boolean enabled = true;

    private static final Filter ADD_TOKEN = (request, response, context) -> {
        if (enabled && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        enabled = true;
        if (!RestAssured.filters().contains(ADD_TOKEN)) {
            RestAssured.filters(ADD_TOKEN);
        }
    }

    /** Sends no token by default until the next test starts. */
    public static void disable() {
        enabled = false;
    }
}
