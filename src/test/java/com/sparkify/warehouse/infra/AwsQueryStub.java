package com.sparkify.warehouse.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A WireMock stub of one AWS Query-protocol API (IAM or Redshift): form-encoded POSTs with
 * {@code Action=...}, answered with the XML the SDK expects. Replies to an action are given in turn,
 * the last one repeating, so a test can script a cluster that goes from creating to available.
 */
public final class AwsQueryStub implements AutoCloseable {

    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String REDSHIFT_NAMESPACE = "http://redshift.amazonaws.com/doc/2012-12-01/";

    /** One scripted HTTP reply. */
    public record Reply(int status, String body) {
    }

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private final String namespace;

    private AwsQueryStub(String namespace) {
        this.namespace = namespace;
        server.start();
    }

    public static AwsQueryStub iam() {
        return new AwsQueryStub(IAM_NAMESPACE);
    }

    public static AwsQueryStub redshift() {
        return new AwsQueryStub(REDSHIFT_NAMESPACE);
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.port());
    }

    /** A successful reply; {@code result} goes inside {@code <ActionResult>}, none when null. */
    public Reply ok(String action, String result) {
        String body = "<" + action + "Response xmlns=\"" + namespace + "\">"
                + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>"
                + "</" + action + "Response>";
        return new Reply(200, body);
    }

    /** An AWS error reply, e.g. 404 {@code NoSuchEntity} or {@code ClusterNotFound}. */
    public Reply error(int status, String code, String message) {
        return new Reply(status, "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ErrorResponse>");
    }

    /** Answers {@code action} with the replies in turn; the last one repeats. */
    public AwsQueryStub on(String action, Reply... replies) {
        for (int i = 0; i < replies.length; i++) {
            MappingBuilder mapping = post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
            if (replies.length > 1) {
                String state = i == 0 ? Scenario.STARTED : action + "-" + i;
                ScenarioMappingBuilder step = mapping.inScenario(action).whenScenarioStateIs(state);
                mapping = i < replies.length - 1 ? step.willSetStateTo(action + "-" + (i + 1)) : step;
            }
            server.stubFor(mapping.willReturn(aResponse().withStatus(replies[i].status())
                    .withHeader("Content-Type", "text/xml").withBody(replies[i].body())));
        }
        return this;
    }

    /** The form fields of every request for {@code action}, in order. */
    public List<Map<String, String>> requests(String action) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")))
                .stream().map(AwsQueryStub::form).toList();
    }

    /** The actions called, in order. */
    public List<String> actions() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).stream().map(r -> form(r).get("Action")).toList();
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** An IAM {@code Role} element; {@code managed} adds this service's tag. */
    public static String role(String name, String trustPolicy, boolean managed) {
        return "<Role><Path>/</Path><RoleName>" + name + "</RoleName><RoleId>AROA3XFRBF535EXAMPLE</RoleId>"
                + "<Arn>arn:aws:iam::123456789012:role/" + name + "</Arn><CreateDate>2026-11-27T08:40:00Z</CreateDate>"
                // IAM returns policy documents URL-encoded.
                + "<AssumeRolePolicyDocument>" + URLEncoder.encode(trustPolicy, StandardCharsets.UTF_8).replace("+", "%20")
                + "</AssumeRolePolicyDocument>"
                + (managed ? "<Tags><member><Key>managed-by</Key><Value>sparkify-warehouse</Value></member></Tags>" : "")
                + "</Role>";
    }

    /** A Redshift {@code Cluster} element in {@code status}; with an endpoint once available. */
    public static String cluster(String id, String status, String roleArn) {
        String endpoint = "available".equals(status) ? "<Endpoint><Address>" + id
                + ".c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com</Address><Port>5439</Port></Endpoint>" : "";
        String roles = roleArn == null ? "" : "<IamRoles><ClusterIamRole><IamRoleArn>" + roleArn
                + "</IamRoleArn><ApplyStatus>in-sync</ApplyStatus></ClusterIamRole></IamRoles>";
        return "<Cluster><ClusterIdentifier>" + id + "</ClusterIdentifier><NodeType>ra3.large</NodeType>"
                + "<ClusterStatus>" + status + "</ClusterStatus><MasterUsername>awsuser</MasterUsername>"
                + "<DBName>sparkify</DBName>" + endpoint + "<NumberOfNodes>2</NumberOfNodes>" + roles + "</Cluster>";
    }
}
