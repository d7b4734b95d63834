package com.sparkify.warehouse.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * AWS credentials for the cluster lifecycle: the SDK's default chain (environment, profile, container
 * or instance role). A default bean, so tests can put static fake keys in its place.
 */
@ApplicationScoped
public class AwsCredentials {

    @Produces
    @Singleton
    @DefaultBean
    AwsCredentialsProvider awsCredentialsProvider() {
        return DefaultCredentialsProvider.builder().build();
    }
}
