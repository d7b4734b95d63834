package com.sparkify.warehouse.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.sparkify.warehouse.support.InjectWireMock;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.support.WireMockS3Resource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * S3 faults: the SDK retries, then the run fails naming the endpoint and object, the star schema loaded
 * before stays as it was and nothing the run staged is left behind, also when the fault hits a song file
 * or the song listing while other song files are already being loaded. Nothing here depends on time: the
 * attempt timeout is the service's default, which no answer of the stub comes near (a stalled endpoint
 * is {@link S3StalledEndpointTest}).
 */
@QuarkusTest
@WithTestResource(WireMockS3Resource.class)
class S3FaultsTest {

    private static final String LISTING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>faulty</Name><Prefix>p/log_json_path.json</Prefix><KeyCount>1</KeyCount>
              <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
              <Contents><Key>p/log_json_path.json</Key><Size>400</Size></Contents>
            </ListBucketResult>""";

    private static final String FAULTY = "{\"songData\":\"s3://faulty/p/song_data\",\"logData\":\"s3://faulty/p/log_data\","
            + "\"logJsonPaths\":\"s3://faulty/p/log_json_path.json\"}";

    @InjectWireMock
    WireMockServer s3;

    @Inject
    WarehouseQueries warehouse;

    @BeforeEach
    void loadPreviousStarSchema() throws Exception {
        Jobs.awaitIdle();
        s3.resetAll();
        Jobs.resetSchema();
        Path root = Fixtures.newRoot("faults");
        assertThat(Jobs.runEtl(SampleSources.write(root)).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldRetryAnObjectAnswering500ThenFailNamingEndpointAndObject() {
        s3.stubFor(get(urlPathMatching("/faulty/?")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody(LISTING)));
        s3.stubFor(get(urlPathEqualTo("/faulty/p/log_json_path.json")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")));

        JsonPath run = Jobs.runEtl(FAULTY);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot read s3://faulty/p/log_json_path.json at " + s3.baseUrl())
                .contains("Status Code: 500");
        // sparkify.source.s3.max-attempts defaults to 4: the first try and three retries.
        s3.verify(4, getRequestedFor(urlPathEqualTo("/faulty/p/log_json_path.json")));
        assertThat(warehouse.count("songplays")).isEqualTo(6);
    }

    @Test
    void shouldRetryA503SlowDownThenFailNamingEndpointAndObject() {
        s3.stubFor(get(urlPathMatching("/faulty/?")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody(LISTING)));
        s3.stubFor(get(urlPathEqualTo("/faulty/p/log_json_path.json")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")));

        JsonPath run = Jobs.runEtl(FAULTY);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot read s3://faulty/p/log_json_path.json at " + s3.baseUrl())
                .contains("Please reduce your request rate").contains("Status Code: 503");
        // Throttling is retried like any other transient error: max-attempts (4) in all.
        s3.verify(4, getRequestedFor(urlPathEqualTo("/faulty/p/log_json_path.json")));
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count("staging_events")).isEqualTo(8);
    }

    @Test
    void shouldFailNamingTheEndpointWhenItDropsConnections() {
        s3.stubFor(get(urlPathMatching("/faulty/?")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonPath run = Jobs.runEtl(FAULTY);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot list s3://faulty/p/log_json_path.json at " + s3.baseUrl());
        assertThat(s3.findAll(getRequestedFor(urlPathMatching("/faulty/?")))).hasSizeGreaterThan(1);
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count("staging_events")).isEqualTo(8);
    }

    @Test
    void shouldFailNamingTheSongFileThatKeepsAnswering503AndLeaveNothingStaged() throws Exception {
        List<String> songs = serveTree();
        String bad = songs.get(2);
        s3.stubFor(get(urlPathEqualTo("/faulty/" + bad)).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")));

        JsonPath run = Jobs.runEtl(TREE);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot read s3://faulty/" + bad + " at " + s3.baseUrl())
                .contains("Status Code: 503");
        s3.verify(4, getRequestedFor(urlPathEqualTo("/faulty/" + bad)));
        // The other song files were requested too: the failure came while they were being loaded.
        for (String key : songs) {
            if (!key.equals(bad)) {
                s3.verify(1, getRequestedFor(urlPathEqualTo("/faulty/" + key)));
            }
        }
        assertNothingStaged();
    }

    @Test
    void shouldFailNamingTheSongFileWhoseConnectionIsResetAndLeaveNothingStaged() throws Exception {
        List<String> songs = serveTree();
        String bad = songs.get(4);
        s3.stubFor(get(urlPathEqualTo("/faulty/" + bad)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonPath run = Jobs.runEtl(TREE);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot read s3://faulty/" + bad + " at " + s3.baseUrl());
        assertThat(s3.findAll(getRequestedFor(urlPathEqualTo("/faulty/" + bad)))).hasSizeGreaterThan(1);
        assertNothingStaged();
    }

    @Test
    void shouldFailNamingTheSongFolderWhenItsListingKeepsFailingAndLeaveNothingStaged() throws Exception {
        serveTree();
        s3.stubFor(get(urlPathMatching("/faulty/?")).withQueryParam("prefix", equalTo("q/song_data/")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")));

        JsonPath run = Jobs.runEtl(TREE);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot list s3://faulty/q/song_data/ at " + s3.baseUrl())
                .contains("Status Code: 503");
        s3.verify(4, getRequestedFor(urlPathMatching("/faulty/?")).withQueryParam("prefix", equalTo("q/song_data/")));
        assertThat(run.getList("steps.name", String.class)).startsWith("list_sources");
        assertNothingStaged();
    }

    private static final String TREE = "{\"songData\":\"s3://faulty/q/song_data\",\"logData\":\"s3://faulty/q/log_data\","
            + "\"logJsonPaths\":\"s3://faulty/q/log_json_path.json\"}";

    /**
     * Serves a tree of six song files (two more than the star schema loaded before) and one day of events
     * under {@code s3://faulty/q/}: each listing the run makes, and each object. Returns the song keys.
     */
    private List<String> serveTree() throws IOException {
        Fixtures f = new Fixtures(Fixtures.newRoot("faulty-tree"));
        for (int i = 0; i < 6; i++) {
            f.song("TRQQ" + (char) ('A' + i) + "000" + i, "SOQ" + i, "Song " + i, "ARQ", "Quinn", 100.0 + i, 2000);
        }
        f.events("2018-11-01", List.of(Fixtures.event("30", "Cy", "free", "NextSong", "Quinn", "Song 1", 101.0, 7, 0,
                SampleSources.T0)));
        Map<String, List<Path>> listings = new HashMap<>();
        List<String> songs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(f.root())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = "q/" + f.root().relativize(file).toString().replace('\\', '/');
                s3.stubFor(get(urlPathEqualTo("/faulty/" + key)).willReturn(aResponse().withStatus(200)
                        .withBody(Files.readAllBytes(file))));
                String listed = key.startsWith("q/song_data/") ? "q/song_data/"
                        : key.startsWith("q/log_data/") ? "q/log_data/" : key;
                listings.computeIfAbsent(listed, k -> new ArrayList<>()).add(file);
                if (listed.equals("q/song_data/")) {
                    songs.add(key);
                }
            }
        }
        for (Map.Entry<String, List<Path>> listing : listings.entrySet()) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>faulty</Name>"
                    + "<Prefix>" + listing.getKey() + "</Prefix><KeyCount>" + listing.getValue().size()
                    + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
            for (Path file : listing.getValue()) {
                xml.append("<Contents><Key>q/").append(f.root().relativize(file).toString().replace('\\', '/'))
                        .append("</Key><Size>").append(Files.size(file)).append("</Size></Contents>");
            }
            xml.append("</ListBucketResult>");
            s3.stubFor(get(urlPathMatching("/faulty/?")).withQueryParam("prefix", equalTo(listing.getKey()))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                            .withBody(xml.toString())));
        }
        assertThat(songs).hasSize(6);
        return songs;
    }

    /** The previous run's staging tables and star schema, and no half-built copy left. */
    private void assertNothingStaged() {
        assertThat(warehouse.count("staging_songs")).isEqualTo(4);
        assertThat(warehouse.count("staging_events")).isEqualTo(8);
        assertThat(warehouse.count("songplays")).isEqualTo(6);
        assertThat(warehouse.count("information_schema.tables WHERE ends_with(table_name, '__next')")).isZero();
    }
}
