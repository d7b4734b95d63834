package com.sparkify.warehouse.source;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeParams;

/** Which auth scheme the clients of {@link S3Clients} resolve, and that anonymous requests go out unsigned. */
class S3ClientsTest {

    private static final S3AuthSchemeParams GET_OBJECT = S3AuthSchemeParams.builder().operation("GetObject")
            .region(Region.US_EAST_1).bucket("songs").key("song_data/A/a.json").build();

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private S3AsyncClient client(boolean anonymous) {
        return S3Clients.buildAsync(new S3Clients.Settings("us-east-1", server.baseUrl(), true, anonymous, 1,
                Duration.ofSeconds(30), 4), S3Clients.AsyncHttp.CRT);
    }

    @Test
    void shouldResolveTheNoAuthSchemeForAnonymousClientsAndSigV4ForClientsWithCredentials() {
        try (S3AsyncClient anonymous = client(true); S3AsyncClient signed = client(false)) {
            List<AuthSchemeOption> none = anonymous.serviceClientConfiguration().authSchemeProvider()
                    .resolveAuthScheme(GET_OBJECT);
            List<AuthSchemeOption> sigV4 = signed.serviceClientConfiguration().authSchemeProvider()
                    .resolveAuthScheme(GET_OBJECT);

            assertThat(none).extracting(AuthSchemeOption::schemeId).containsExactly("smithy.api#noAuth");
            assertThat(sigV4).extracting(AuthSchemeOption::schemeId).first().isEqualTo("aws.auth#sigv4");
        }
    }

    @Test
    void shouldSendAnonymousRequestsUnsignedAndReadTheAnswer() {
        server.stubFor(get(urlEqualTo("/songs/song_data/A/a.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"song_id\":\"S1\"}")));
        try (S3AsyncClient anonymous = client(true)) {
            ResponseBytes<?> bytes = anonymous.getObject(r -> r.bucket("songs").key("song_data/A/a.json"),
                    AsyncResponseTransformer.toBytes()).join();

            assertThat(bytes.asString(StandardCharsets.UTF_8)).isEqualTo("{\"song_id\":\"S1\"}");
        }
        server.verify(1, getRequestedFor(urlEqualTo("/songs/song_data/A/a.json"))
                .withHeader("Authorization", absent()));
    }
}
