package com.sparkify.warehouse.infra;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link InfraSettings} for tests, pointed at stubbed IAM, Redshift and Redshift Serverless endpoints.
 */
record TestInfraSettings(Kind kind, String clusterIdentifier, String nodeType, int numberOfNodes, String dbName,
        String masterUsername, Optional<String> masterPassword, String iamRoleName, String region,
        boolean publiclyAccessible, Optional<List<String>> vpcSecurityGroupIds, Optional<URI> iamEndpoint,
        Optional<URI> redshiftEndpoint, Optional<URI> redshiftServerlessEndpoint, Serverless serverless,
        Duration pollInterval, Duration timeout, boolean skipFinalSnapshot) implements InfraSettings {

    static final String PASSWORD = "Passw0rdForTests";

    /** The Serverless part. */
    record TestServerless(String namespace, String workgroup, int baseCapacity, Optional<List<String>> subnetIds,
            Optional<List<String>> securityGroupIds) implements Serverless {
    }

    static TestInfraSettings of(URI iam, URI redshift) {
        return new TestInfraSettings(Kind.PROVISIONED, "sparkify-test", "ra3.large", 2, "sparkify", "awsuser",
                Optional.of(PASSWORD), "sparkify-test-s3-read", "us-west-2", false, Optional.empty(), Optional.of(iam),
                Optional.of(redshift), Optional.empty(),
                new TestServerless("sparkify-ns", "sparkify-wg", 4, Optional.empty(), Optional.empty()),
                Duration.ofSeconds(15), Duration.ofMinutes(1), true);
    }

    /** Serverless against the given stubs, with no password (AWS manages it). */
    static TestInfraSettings serverless(URI iam, URI serverless) {
        return of(iam, URI.create("http://localhost:9")).withKind(Kind.SERVERLESS).withPassword(Optional.empty())
                .withServerlessEndpoint(serverless);
    }

    TestInfraSettings withKind(Kind newKind) {
        return new TestInfraSettings(newKind, clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername,
                masterPassword, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, redshiftServerlessEndpoint, serverless, pollInterval, timeout, skipFinalSnapshot);
    }

    TestInfraSettings withServerlessEndpoint(URI endpoint) {
        return new TestInfraSettings(kind, clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername,
                masterPassword, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, Optional.of(endpoint), serverless, pollInterval, timeout, skipFinalSnapshot);
    }

    TestInfraSettings withServerless(Serverless newServerless) {
        return new TestInfraSettings(kind, clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername,
                masterPassword, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, redshiftServerlessEndpoint, newServerless, pollInterval, timeout, skipFinalSnapshot);
    }

    TestInfraSettings withNodes(String type, int nodes) {
        return new TestInfraSettings(kind, clusterIdentifier, type, nodes, dbName, masterUsername,
                masterPassword, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, redshiftServerlessEndpoint, serverless, pollInterval, timeout, skipFinalSnapshot);
    }

    TestInfraSettings withPassword(Optional<String> password) {
        return new TestInfraSettings(kind, clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername,
                password, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, redshiftServerlessEndpoint, serverless, pollInterval, timeout, skipFinalSnapshot);
    }

    TestInfraSettings keepingFinalSnapshot() {
        return new TestInfraSettings(kind, clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername,
                masterPassword, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, redshiftServerlessEndpoint, serverless, pollInterval, timeout, false);
    }
}
