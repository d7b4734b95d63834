package com.sparkify.warehouse.infra;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Fake static AWS keys in place of the default chain, selected by {@link InfraStubsProfile} only.
 */
@Alternative
@Singleton
public class StaticTestCredentials implements AwsCredentialsProvider {

    @Override
    public AwsCredentials resolveCredentials() {
        return AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }
}
