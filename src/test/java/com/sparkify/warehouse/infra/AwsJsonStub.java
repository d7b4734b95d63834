package com.sparkify.warehouse.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A WireMock stub of Redshift Serverless, a JSON 1.1 protocol API: POSTs to {@code /} naming the
 * operation in {@code X-Amz-Target: RedshiftServerless.<Operation>}, answered with JSON. Replies to an
 * operation are given in turn, the last one repeating, so a test can script a workgroup that goes from
 * CREATING to AVAILABLE.
 */
public final class AwsJsonStub implements AutoCloseable {

    static final String TARGET_PREFIX = "RedshiftServerless.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted HTTP reply. */
    public record Reply(int status, String body) {
    }

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    private AwsJsonStub() {
        server.start();
    }

    public static AwsJsonStub serverless() {
        return new AwsJsonStub();
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.port());
    }

    /** A successful reply with this JSON body. */
    public static Reply ok(String json) {
        return new Reply(200, json);
    }

    /** An AWS error reply, e.g. 400 {@code ResourceNotFoundException}. */
    public static Reply error(int status, String type, String message) {
        return new Reply(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** Answers {@code operation} with the replies in turn; the last one repeats. */
    public AwsJsonStub on(String operation, Reply... replies) {
        for (int i = 0; i < replies.length; i++) {
            MappingBuilder mapping = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
            if (replies.length > 1) {
                String state = i == 0 ? Scenario.STARTED : operation + "-" + i;
                ScenarioMappingBuilder step = mapping.inScenario(operation).whenScenarioStateIs(state);
                mapping = i < replies.length - 1 ? step.willSetStateTo(operation + "-" + (i + 1)) : step;
            }
            server.stubFor(mapping.willReturn(aResponse().withStatus(replies[i].status())
                    .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(replies[i].body())));
        }
        return this;
    }

    /** The JSON bodies of every request for {@code operation}, in order. */
    public List<Map<String, Object>> requests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)))
                .stream().map(AwsJsonStub::body).toList();
    }

    /** The operations called, in order. */
    public List<String> operations() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(r -> r.getHeader("X-Amz-Target").substring(TARGET_PREFIX.length())).toList();
    }

    /** Every request as logged, e.g. to check its headers. */
    public List<LoggedRequest> logged() {
        return server.findAll(postRequestedFor(urlEqualTo("/")));
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Map<String, Object> body(LoggedRequest request) {
        try {
            return JSON.readValue(request.getBodyAsString(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code {"namespace": ...}} answer; {@code secretArn} only when AWS manages the admin password. */
    public static String namespace(String name, String status, String roleArn, String secretArn) {
        return "{\"namespace\":{\"namespaceName\":\"" + name + "\",\"namespaceId\":\"1a2b3c4d-0000-4000-8000-example\","
                + "\"namespaceArn\":\"arn:aws:redshift-serverless:us-west-2:123456789012:namespace/1a2b3c4d\","
                + "\"status\":\"" + status + "\",\"dbName\":\"sparkify\",\"adminUsername\":\"awsuser\","
                // GetNamespace lists roles in this form, not as bare ARNs.
                + "\"iamRoles\":[" + (roleArn == null ? "" : "\"IamRole(applyStatus=in-sync, iamRoleArn=" + roleArn + ")\"")
                + "]" + (secretArn == null ? "" : ",\"adminPasswordSecretArn\":\"" + secretArn + "\"")
                + ",\"creationDate\":\"2026-11-27T09:00:00Z\"}}";
    }

    /** A {@code {"workgroup": ...}} answer; with an endpoint once AVAILABLE. */
    public static String workgroup(String name, String namespace, String status) {
        String endpoint = "AVAILABLE".equals(status) ? ",\"endpoint\":{\"address\":\"" + name
                + ".123456789012.us-west-2.redshift-serverless.amazonaws.com\",\"port\":5439}" : "";
        return "{\"workgroup\":{\"workgroupName\":\"" + name + "\",\"namespaceName\":\"" + namespace + "\","
                + "\"workgroupId\":\"5e6f7a8b-0000-4000-8000-example\",\"status\":\"" + status + "\","
                + "\"baseCapacity\":4,\"publiclyAccessible\":false" + endpoint + "}}";
    }
}
