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

    /**
     * S3 folder {@code s3://bucket/prefix/} the service may write to (env
     * {@code SPARKIFY_REDSHIFT_STAGING_PREFIX}): with it, COPY reads a manifest of exactly the listed
     * objects, written there for the run and deleted after it; without it COPY reads the source prefixes,
     * and a run whose prefixes hold keys that are not {@code .json} fails before loading.
     */
    Optional<String> stagingPrefix();

    /**
     * With a staging prefix, a source folder whose objects average fewer bytes than this is compacted
     * before COPY: read by the service and written under the staging prefix as a few gzip JSON-lines
     * parts (env {@code SPARKIFY_REDSHIFT_COMPACT_BELOW}); {@code 0} never compacts.
     */
    @WithDefault("1048576")
    long compactBelow();

    /**
     * Parts a compacted folder becomes where {@code STV_SLICES} cannot be read (Serverless has no slice
     * count); on a provisioned cluster its slice count is used (env {@code SPARKIFY_REDSHIFT_COMPACTION_PARTS}).
     */
    @WithDefault("16")
    int compactionParts();

    /**
     * After a committed run, {@code VACUUM DELETE ONLY} and {@code ANALYZE} the tables it replaced, in
     * the upkeep after the job (env {@code SPARKIFY_REDSHIFT_VACUUM_AFTER_RUN}).
     */
    @WithDefault("true")
    boolean vacuumAfterRun();
}
