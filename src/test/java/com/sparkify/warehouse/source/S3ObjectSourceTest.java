package com.sparkify.warehouse.source;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * How {@link S3ObjectSource} walks a prefix (which listings it asks for), and that the clients of
 * {@link S3Clients} drop an attempt's timeout once the attempt ends, against a WireMock stub.
 */
class S3ObjectSourceTest {

    private static final String BUCKET = "walk";

    private WireMockServer server;
    private S3AsyncClient s3;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        s3 = S3Clients.buildAsync(new S3Clients.Settings("us-east-1", server.baseUrl(), true, true, 1,
                Duration.ofMinutes(10), 8), S3Clients.AsyncHttp.CRT);
    }

    @AfterEach
    void stop() {
        s3.close();
        server.stop();
    }

    @Test
    void shouldWalkLevelsNamingFewSubPrefixesAndListTheSubPrefixesOfAWideLevelWhole() throws Exception {
        // r/ names one sub-prefix (walked further); r/a/ names SPREAD of them, each listed without the delimiter,
        // so one of them answers with a key two levels down.
        stubListing("r/", true, List.of("r/top.json"), List.of("r/a/"));
        List<String> wide = new ArrayList<>();
        List<String> expected = new ArrayList<>(List.of("r/top.json"));
        for (int i = 0; i < S3ObjectSource.SPREAD; i++) {
            String sub = "r/a/" + i + "/";
            wide.add(sub);
            List<String> keys = i == 0 ? List.of(sub + "x/deep.json", sub + "y.json") : List.of(sub + "y.json");
            expected.addAll(keys);
            stubListing(sub, false, keys, List.of());
        }
        stubListing("r/a/", true, List.of(), wide);

        List<SourceObject> listed = new S3ObjectSource(s3, new SourceLocation.S3(BUCKET, "r/"), 4).list();

        assertThat(listed).extracting(SourceObject::key).containsExactlyInAnyOrderElementsOf(expected);
        server.verify(1, getRequestedFor(urlPathMatching("/" + BUCKET + "/?")).withQueryParam("prefix", equalTo("r/"))
                .withQueryParam("delimiter", equalTo("/")));
        server.verify(1, getRequestedFor(urlPathMatching("/" + BUCKET + "/?")).withQueryParam("prefix", equalTo("r/a/"))
                .withQueryParam("delimiter", equalTo("/")));
        for (String sub : wide) {
            server.verify(1, getRequestedFor(urlPathMatching("/" + BUCKET + "/?")).withQueryParam("prefix", equalTo(sub))
                    .withQueryParam("delimiter", absent()));
        }
        assertThat(server.getAllServeEvents()).hasSize(2 + S3ObjectSource.SPREAD);
    }

    @Test
    void shouldDropAnAttemptsTimeoutOnceTheAttemptEnds() throws Exception {
        // An endpoint that answers only once the test lets it, so the request is certainly in flight meanwhile.
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer held = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        held.createContext("/", exchange -> {
            try {
                answer.await(1, TimeUnit.MINUTES);
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        held.start();
        try (S3AsyncClient client = S3Clients.buildAsync(new S3Clients.Settings("us-east-1",
                "http://127.0.0.1:" + held.getAddress().getPort(), true, true, 1, Duration.ofMinutes(10), 8),
                S3Clients.AsyncHttp.CRT)) {
            int before = S3Clients.timers().getQueue().size();

            CompletableFuture<byte[]> fetched = new S3ObjectSource(client, new SourceLocation.S3(BUCKET, ""), 4)
                    .fetch(new SourceObject("held.json", 2));

            // While the request waits, its attempt timeout (ten minutes away) is queued on the shared timers...
            await().atMost(Duration.ofSeconds(30)).until(() -> S3Clients.timers().getQueue().size() > before);
            answer.countDown();
            assertThat(fetched.get(30, TimeUnit.SECONDS)).hasSize(2);
            // ...and leaves the queue as soon as the request ended, not when it would have fired.
            await().atMost(Duration.ofSeconds(30)).until(() -> S3Clients.timers().getQueue().size() == before);
        } finally {
            answer.countDown();
            held.stop(0);
        }
    }

    /** Answers the listing of {@code prefix} (with or without the delimiter): keys of 10 bytes, sub-prefixes. */
    private void stubListing(String prefix, boolean delimited, List<String> keys, List<String> subPrefixes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name>"
                + "<Prefix>" + prefix + "</Prefix><KeyCount>" + (keys.size() + subPrefixes.size())
                + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
        keys.forEach(key -> xml.append("<Contents><Key>").append(key).append("</Key><Size>10</Size></Contents>"));
        subPrefixes.forEach(sub -> xml.append("<CommonPrefixes><Prefix>").append(sub).append("</Prefix></CommonPrefixes>"));
        xml.append("</ListBucketResult>");
        server.stubFor(get(urlPathMatching("/" + BUCKET + "/?")).withQueryParam("prefix", equalTo(prefix))
                .withQueryParam("delimiter", delimited ? equalTo("/") : absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                        .withBody(xml.toString())));
    }
}
