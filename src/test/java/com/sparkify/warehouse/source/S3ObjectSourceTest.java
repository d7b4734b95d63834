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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Test
    void shouldKeepFewWholeListingsOfFullPagesInFlight() throws Exception {
        // Twelve sub-prefixes of a thousand keys each: once pages show a thousand keys, no more than
        // KEYS_AT_ONCE / 1000 whole listings are asked for at once, though eight connections are free.
        try (HeldListings held = new HeldListings(12, 1000)) {
            CompletableFuture<List<String>> listing = held.source().listing(page -> { });
            // The first ones are held until the source has sent as many as it will before any answer.
            await().atMost(Duration.ofSeconds(30)).until(() -> held.inFlight.get() >= S3ObjectSource.WHOLE_AT_ONCE);
            held.first.countDown();
            held.later.countDown();
            listing.get(30, TimeUnit.SECONDS);
            assertThat(held.answered.get()).isEqualTo(12);
            assertThat(held.peak.get()).isEqualTo(Math.max(S3ObjectSource.WHOLE_AT_ONCE, S3ObjectSource.KEYS_AT_ONCE / 1000));
        }
    }

    @Test
    void shouldSendWholeListingsOfSmallPagesManyAtOnce() throws Exception {
        // Twelve sub-prefixes of one key each: once the first pages show that, the rest go out together,
        // up to the connections (eight).
        try (HeldListings held = new HeldListings(12, 1)) {
            CompletableFuture<List<String>> listing = held.source().listing(page -> { });
            await().atMost(Duration.ofSeconds(30)).until(() -> held.inFlight.get() >= S3ObjectSource.WHOLE_AT_ONCE);
            held.first.countDown();
            // The later listings are held too: all eight are in flight at once.
            await().atMost(Duration.ofSeconds(30)).until(() -> held.inFlight.get() == 8);
            held.later.countDown();
            listing.get(30, TimeUnit.SECONDS);
            assertThat(held.answered.get()).isEqualTo(12);
            assertThat(held.peak.get()).isEqualTo(8);
        }
    }

    /**
     * An endpoint listing {@code r/} as {@code subPrefixes} sub-prefixes of {@code keys} keys each, which holds
     * the whole listings' answers: the first {@link S3ObjectSource#WHOLE_AT_ONCE} until {@code first} opens,
     * the others until {@code later} does; it counts the whole listings in flight and their peak.
     */
    private static final class HeldListings implements AutoCloseable {
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch later = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger arrived = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        private final HttpServer server;
        private final S3AsyncClient client;

        HeldListings(int subPrefixes, int keys) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", exchange -> {
                try {
                    String query = exchange.getRequestURI().getQuery();
                    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET
                            + "</Name><IsTruncated>false</IsTruncated>");
                    if (query.contains("delimiter")) {
                        for (int i = 0; i < subPrefixes; i++) {
                            xml.append("<CommonPrefixes><Prefix>r/").append(i).append("/</Prefix></CommonPrefixes>");
                        }
                    } else {
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        (arrived.incrementAndGet() <= S3ObjectSource.WHOLE_AT_ONCE ? first : later)
                                .await(1, TimeUnit.MINUTES);
                        String prefix = query.replaceAll(".*prefix=([^&]*).*", "$1").replace("%2F", "/");
                        for (int k = 0; k < keys; k++) {
                            xml.append("<Contents><Key>").append(prefix).append(k).append(".json</Key><Size>10</Size></Contents>");
                        }
                        inFlight.decrementAndGet();
                        answered.incrementAndGet();
                    }
                    byte[] body = xml.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
            client = S3Clients.buildAsync(new S3Clients.Settings("us-east-1",
                    "http://127.0.0.1:" + server.getAddress().getPort(), true, true, 1, Duration.ofMinutes(10), 8),
                    S3Clients.AsyncHttp.CRT);
        }

        S3ObjectSource source() {
            return new S3ObjectSource(client, new SourceLocation.S3(BUCKET, "r/"), 8);
        }

        @Override
        public void close() {
            first.countDown();
            later.countDown();
            client.close();
            server.stop(0);
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
