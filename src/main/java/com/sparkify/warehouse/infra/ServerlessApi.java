package com.sparkify.warehouse.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The few Redshift Serverless operations the lifecycle needs, spoken as the service's JSON 1.1
 * protocol (a POST to {@code /} naming the operation in {@code X-Amz-Target}) and signed with the SDK's
 * SigV4 signer. The SDK's own {@code redshiftserverless} module is not served by the registry this
 * project builds from, so this stands in for it; errors surface as the SDK's exception types, so
 * callers handle them like those of the other AWS clients.
 */
final class ServerlessApi implements AutoCloseable {

    private static final String TARGET_PREFIX = "RedshiftServerless.";
    private static final String SIGNING_NAME = "redshift-serverless";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration RETRY_BASE = Duration.ofMillis(100);
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^,)\\s]+:role/[^,)\\s]+");

    /** A namespace as GetNamespace describes it. */
    record Namespace(String name, String status, String dbName, String adminUsername, List<String> iamRoles,
            String adminPasswordSecretArn) {
    }

    /** A workgroup as GetWorkgroup describes it; address and port only once it has an endpoint. */
    record Workgroup(String name, String namespaceName, String status, Integer baseCapacity, String address,
            Integer port) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;

    ServerlessApi(AwsCredentialsProvider credentials, String region, Optional<URI> endpointOverride) {
        this.credentials = credentials;
        this.region = region;
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        this.endpoint = endpointOverride.orElse(URI.create("https://" + SIGNING_NAME + "." + region + "." + domain));
        this.http = ApacheHttpClient.builder().build();
    }

    ObjectNode body() {
        return json.createObjectNode();
    }

    Optional<Namespace> getNamespace(String name) {
        try {
            return Optional.of(namespace(call("GetNamespace", body().put("namespaceName", name))));
        } catch (AwsServiceException e) {
            return notFound(e);
        }
    }

    Namespace createNamespace(ObjectNode request) {
        return namespace(call("CreateNamespace", request));
    }

    Namespace updateNamespaceRoles(String name, List<String> roleArns) {
        ObjectNode request = body().put("namespaceName", name);
        roleArns.forEach(request.putArray("iamRoles")::add);
        return namespace(call("UpdateNamespace", request));
    }

    Namespace deleteNamespace(String name, Optional<String> finalSnapshot) {
        ObjectNode request = body().put("namespaceName", name);
        finalSnapshot.ifPresent(s -> request.put("finalSnapshotName", s));
        return namespace(call("DeleteNamespace", request));
    }

    Optional<Workgroup> getWorkgroup(String name) {
        try {
            return Optional.of(workgroup(call("GetWorkgroup", body().put("workgroupName", name))));
        } catch (AwsServiceException e) {
            return notFound(e);
        }
    }

    Workgroup createWorkgroup(ObjectNode request) {
        return workgroup(call("CreateWorkgroup", request));
    }

    Workgroup deleteWorkgroup(String name) {
        return workgroup(call("DeleteWorkgroup", body().put("workgroupName", name)));
    }

    /** Whether AWS refused because the namespace or workgroup does not exist. */
    static boolean isNotFound(AwsServiceException e) {
        return e.awsErrorDetails() != null && "ResourceNotFoundException".equals(e.awsErrorDetails().errorCode());
    }

    /** The role ARNs of a namespace, whether AWS lists them as plain ARNs or as {@code IamRole(..., iamRoleArn=...)}. */
    static List<String> roleArns(List<String> iamRoles) {
        List<String> arns = new ArrayList<>();
        for (String entry : iamRoles) {
            Matcher m = ROLE_ARN.matcher(entry);
            if (m.find()) {
                arns.add(m.group());
            }
        }
        return arns;
    }

    private static <T> Optional<T> notFound(AwsServiceException e) {
        if (isNotFound(e)) {
            return Optional.empty();
        }
        throw e;
    }

    /** Calls {@code operation}, again after a throttling or server error, as the SDK's clients do. */
    private JsonNode call(String operation, ObjectNode request) {
        for (int attempt = 1;; attempt++) {
            try {
                return callOnce(operation, request);
            } catch (AwsServiceException e) {
                if (attempt >= MAX_ATTEMPTS || !(e.isThrottlingException() || e.statusCode() >= 500)) {
                    throw e;
                }
            } catch (SdkClientException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
            backOff(attempt);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(RETRY_BASE.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while retrying a Redshift Serverless call", e);
        }
    }

    private JsonNode callOnce(String operation, ObjectNode request) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Length", Integer.toString(payload.length))
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response;
        byte[] body;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().map(InputStream.class::cast)
                    .orElse(InputStream.nullInputStream())) {
                body = in.readAllBytes();
            }
        } catch (IOException e) {
            throw SdkClientException.create("Redshift Serverless " + operation + " could not be sent: " + e.getMessage(),
                    e);
        }
        SdkHttpResponse status = response.httpResponse();
        JsonNode answer = parse(body);
        if (status.isSuccessful()) {
            return answer;
        }
        // JSON 1.1 errors name their type in __type (sometimes prefixed "namespace#") or in a header.
        String type = answer.path("__type").asText(status.firstMatchingHeader("x-amzn-ErrorType").orElse("Unknown"));
        type = type.substring(type.indexOf('#') + 1);
        int colon = type.indexOf(':');
        String code = colon < 0 ? type : type.substring(0, colon);
        String message = answer.path("message").asText(answer.path("Message").asText(""));
        throw AwsServiceException.builder()
                .statusCode(status.statusCode())
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName("RedshiftServerless").sdkHttpResponse(status).build())
                .build();
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw SdkClientException.create("Redshift Serverless answered with unreadable JSON", e);
        }
    }

    private static Namespace namespace(JsonNode answer) {
        JsonNode n = answer.path("namespace");
        List<String> roles = new ArrayList<>();
        n.path("iamRoles").forEach(r -> roles.add(r.asText()));
        return new Namespace(text(n, "namespaceName"), text(n, "status"), text(n, "dbName"),
                text(n, "adminUsername"), List.copyOf(roles), text(n, "adminPasswordSecretArn"));
    }

    private static Workgroup workgroup(JsonNode answer) {
        JsonNode w = answer.path("workgroup");
        JsonNode e = w.path("endpoint");
        return new Workgroup(text(w, "workgroupName"), text(w, "namespaceName"), text(w, "status"),
                w.hasNonNull("baseCapacity") ? w.get("baseCapacity").asInt() : null,
                text(e, "address"), e.hasNonNull("port") ? e.get("port").asInt() : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public void close() {
        http.close();
    }
}
