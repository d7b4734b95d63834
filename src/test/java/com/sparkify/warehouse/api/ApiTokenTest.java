package com.sparkify.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/**
 * Which token the service expects: dev mode's fixed one when none is set, a random one in production, and
 * the configured one whenever it is set.
 */
class ApiTokenTest {

    @Test
    void shouldUseTheDocumentedTokenInDevModeWhenNoneIsSet() {
        ApiToken token = new ApiToken(Optional.empty(), LaunchMode.DEVELOPMENT, 8080);

        assertThat(token.matches("sparkify-dev-token")).isTrue();
        assertThat(token.devToken()).contains("sparkify-dev-token");
    }

    @Test
    void shouldGenerateARandomTokenInProductionWhenNoneIsSet() {
        ApiToken first = new ApiToken(Optional.empty(), LaunchMode.NORMAL, 8080);
        ApiToken second = new ApiToken(Optional.of(" "), LaunchMode.NORMAL, 8080);

        assertThat(first.matches(ApiToken.DEV_TOKEN)).isFalse();
        assertThat(second.matches(ApiToken.DEV_TOKEN)).isFalse();
        assertThat(first.devToken()).isEmpty();
    }

    @Test
    void shouldExpectTheConfiguredTokenAndNeverNameIt() {
        for (LaunchMode mode : new LaunchMode[] { LaunchMode.DEVELOPMENT, LaunchMode.NORMAL }) {
            ApiToken token = new ApiToken(Optional.of("chosen-token"), mode, 8080);

            assertThat(token.matches("chosen-token")).as(mode.name()).isTrue();
            assertThat(token.matches(ApiToken.DEV_TOKEN)).as(mode.name()).isFalse();
            assertThat(token.matches(null)).as(mode.name()).isFalse();
            assertThat(token.devToken()).as(mode.name()).isEmpty();
        }
    }

    @Test
    void shouldReadOnlyTheBearerScheme() {
        assertThat(ApiToken.presented("Bearer abc ")).isEqualTo("abc");
        assertThat(ApiToken.presented("bearer abc")).isEqualTo("abc");
        assertThat(ApiToken.presented("Basic YWJj")).isNull();
        assertThat(ApiToken.presented(null)).isNull();
    }
}
