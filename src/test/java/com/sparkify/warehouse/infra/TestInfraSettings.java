package com.sparkify.warehouse.infra;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link InfraSettings} for tests, pointed at stubbed IAM and Redshift endpoints.
 */
record TestInfraSettings(String clusterIdentifier, String nodeType, int numberOfNodes, String dbName,
        String masterUsername, Optional<String> masterPassword, String iamRoleName, String region,
        boolean publiclyAccessible, Optional<List<String>> vpcSecurityGroupIds, Optional<URI> iamEndpoint,
        Optional<URI> redshiftEndpoint, Duration pollInterval, Duration timeout, boolean skipFinalSnapshot)
        implements InfraSettings {

    static final String PASSWORD = "Passw0rdForTests";

    static TestInfraSettings of(URI iam, URI redshift) {
        return new TestInfraSettings("sparkify-test", "dc2.large", 2, "sparkify", "awsuser", Optional.of(PASSWORD),
                "sparkify-test-s3-read", "us-west-2", false, Optional.empty(), Optional.of(iam), Optional.of(redshift),
                Duration.ofSeconds(15), Duration.ofMinutes(1), true);
    }

    TestInfraSettings withPassword(Optional<String> password) {
        return new TestInfraSettings(clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername, password,
                iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint, redshiftEndpoint,
                pollInterval, timeout, skipFinalSnapshot);
    }

    TestInfraSettings keepingFinalSnapshot() {
        return new TestInfraSettings(clusterIdentifier, nodeType, numberOfNodes, dbName, masterUsername,
                masterPassword, iamRoleName, region, publiclyAccessible, vpcSecurityGroupIds, iamEndpoint,
                redshiftEndpoint, pollInterval, timeout, false);
    }
}
