package com.sparkify.warehouse.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.InjectWireMock;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;
import com.sparkify.warehouse.support.Waits;
import com.sparkify.warehouse.support.WarehouseQueries;
import com.sparkify.warehouse.support.WireMockS3Resource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An endpoint that accepts requests and never answers: each attempt is abandoned after
 * {@code sparkify.source.s3.attempt-timeout} (one second here), and after its attempts the run fails
 * naming the endpoint, long before the endpoint would have answered. The client has answered a healthy
 * request before, so a first request's own start-up on a busy machine is not what the short timeout cuts.
 */
@QuarkusTest
@WithTestResource(value = WireMockS3Resource.class, initArgs = @ResourceArg(name = "attempt-timeout", value = "1s"))
class S3StalledEndpointTest {

    /** Longer than the whole run could take with four one-second attempts, by far. */
    private static final int STALL_MS = 60_000;

    private static final String STALLED = "{\"songData\":\"s3://stalled/p/song_data\",\"logData\":\"s3://stalled/p/log_data\","
            + "\"logJsonPaths\":\"s3://stalled/p/log_json_path.json\"}";

    @InjectWireMock
    WireMockServer s3;

    @Inject
    WarehouseQueries warehouse;

    @Inject
    SourceService sources;

    @BeforeEach
    void loadPreviousStarSchemaAndWarmTheClient() throws Exception {
        Jobs.awaitIdle();
        s3.resetAll();
        Jobs.resetSchema();
        assertThat(Jobs.runEtl(SampleSources.write(Fixtures.newRoot("stalled"))).getString("status"))
                .isEqualTo("SUCCEEDED");
        s3.stubFor(get(urlPathMatching("/healthy/?")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult "
                        + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>healthy</Name><Prefix>x/</Prefix>"
                        + "<KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>")));
        ObjectSource healthy = sources.open(SourceLocation.parse("songData", "s3://healthy/x/"));
        Waits.waitFor("the S3 client to answer a healthy listing").ignoreExceptions()
                .until(() -> healthy.list().isEmpty());
    }

    @Test
    void shouldGiveUpOnAStalledEndpointAfterItsAttempts() {
        s3.stubFor(get(urlPathMatching("/stalled/?")).withQueryParam("prefix", equalTo("p/log_json_path.json"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(STALL_MS)));

        JsonPath run = Jobs.runEtl(STALLED);

        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("cannot list s3://stalled/p/log_json_path.json at " + s3.baseUrl())
                .contains("timeout");
        // sparkify.source.s3.max-attempts defaults to 4: each attempt reached the endpoint and was abandoned.
        s3.verify(4, getRequestedFor(urlPathMatching("/stalled/?")));
        assertThat(run.getLong("durationMs")).isLessThan(STALL_MS);
        assertThat(warehouse.count("songplays")).isEqualTo(6);
    }
}
