package com.sparkify.warehouse.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

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
 * S3 faults: the SDK retries, then the run fails naming the endpoint and object, and the star schema
 * loaded before stays as it was.
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
    void shouldGiveUpOnAStalledEndpointAfterItsAttempts() {
        s3.stubFor(get(urlPathMatching("/faulty/?")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody(LISTING).withFixedDelay(3000)));

        JsonPath run = Jobs.runEtl(FAULTY);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot list s3://faulty/p/log_json_path.json at " + s3.baseUrl())
                .contains("timeout");
        // attempt-timeout is 1s in this test: four attempts were made, none waited the full 3s delay.
        s3.verify(4, getRequestedFor(urlPathMatching("/faulty/?")));
        assertThat(run.getLong("durationMs")).isLessThan(12_000);
        assertThat(warehouse.count("songplays")).isEqualTo(6);
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
}
