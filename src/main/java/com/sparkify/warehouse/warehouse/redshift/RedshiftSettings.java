package com.sparkify.warehouse.warehouse.redshift;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the Redshift engine ({@code sparkify.redshift.*}), checked at start-up by
 * {@link RedshiftConfigCheck} when the engine is chosen.
 */
@ConfigMapping(prefix = "sparkify.redshift")
public interface RedshiftSettings {

    /**
     * ARN of the IAM role COPY assumes to read S3, e.g. {@code arn:aws:iam::123456789012:role/dwhRole}
     * (env {@code SPARKIFY_REDSHIFT_IAM_ROLE}). Required with the Redshift engine: COPY never gets keys.
     */
    Optional<String> iamRole();

    /** Region of the source bucket, given to COPY (env {@code SPARKIFY_REDSHIFT_REGION}). */
    @WithDefault("us-west-2")
    String region();
}
