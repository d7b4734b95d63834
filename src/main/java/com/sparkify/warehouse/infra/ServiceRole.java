package com.sparkify.warehouse.infra;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM role COPY uses, for a cluster and a Serverless namespace alike: created (or reused) trusted
 * by Redshift with read access to S3, and deleted again only if this service created it (tagged
 * {@value #MANAGED_TAG_KEY}).
 */
final class ServiceRole {

    static final String MANAGED_TAG_KEY = "managed-by";
    static final String MANAGED_TAG_VALUE = "sparkify-warehouse";
    /** Redshift assumes the role for COPY; the service principal is the same for clusters and Serverless. */
    static final String TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"redshift.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final IamClient iam;
    private final InfraSettings settings;

    ServiceRole(IamClient iam, InfraSettings settings) {
        this.iam = iam;
        this.settings = settings;
    }

    /** Creates or reuses the role, attaches the S3 read policy and returns the role's ARN. */
    String ensure(Job job) {
        String name = settings.iamRoleName();
        try {
            Role role;
            try {
                role = iam.getRole(r -> r.roleName(name)).role();
                if (!trustsRedshift(role)) {
                    throw new JobFailure("IAM role " + name + " exists but Redshift cannot assume it (its trust "
                            + "policy does not name redshift.amazonaws.com): choose another "
                            + "sparkify.infra.iam-role-name or fix the role");
                }
                job.detail("role", "reused");
            } catch (NoSuchEntityException e) {
                role = iam.createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument(TRUST_POLICY)
                        .description("Lets Redshift COPY read S3 for the Sparkify warehouse")
                        .tags(Tag.builder().key(MANAGED_TAG_KEY).value(MANAGED_TAG_VALUE).build())).role();
                job.detail("role", "created");
            }
            // Attaching is idempotent, so a reused role gets the policy too.
            iam.attachRolePolicy(r -> r.roleName(name).policyArn(s3ReadPolicy()));
            return role.arn();
        } catch (SdkException e) {
            throw awsFailure("preparing IAM role " + name, e);
        }
    }

    /** Deletes the role if this service created it; a role that existed before is kept. */
    void delete(Job job) {
        String name = settings.iamRoleName();
        try {
            Role role;
            try {
                role = iam.getRole(r -> r.roleName(name)).role();
            } catch (NoSuchEntityException e) {
                job.detail("role", "not found");
                return;
            }
            boolean managed = role.tags().stream()
                    .anyMatch(t -> MANAGED_TAG_KEY.equals(t.key()) && MANAGED_TAG_VALUE.equals(t.value()));
            if (!managed) {
                job.detail("role", "kept: not created by this service");
                return;
            }
            try {
                iam.detachRolePolicy(r -> r.roleName(name).policyArn(s3ReadPolicy()));
            } catch (NoSuchEntityException e) {
                // not attached any more: nothing to detach
            }
            iam.deleteRole(r -> r.roleName(name));
            job.detail("role", "deleted");
        } catch (SdkException e) {
            throw awsFailure("deleting IAM role " + name, e);
        }
    }

    private static boolean trustsRedshift(Role role) {
        String document = role.assumeRolePolicyDocument();
        if (document == null) {
            return false;
        }
        // IAM returns the policy URL-encoded.
        String decoded = document.startsWith("%7B") || document.contains("%22")
                ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
        return decoded.contains("redshift.amazonaws.com");
    }

    /** AmazonS3ReadOnlyAccess in the region's partition. */
    private String s3ReadPolicy() {
        String region = settings.region();
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return "arn:" + partition + ":iam::aws:policy/AmazonS3ReadOnlyAccess";
    }

    /** Redshift's password rules, checked before any AWS call; the message never shows the password. */
    static Optional<String> checkPassword(Optional<String> configured) {
        Optional<String> password = configured.filter(p -> !p.isEmpty());
        password.ifPresent(p -> {
            boolean printable = p.chars().allMatch(ch -> ch > 32 && ch < 127 && "'\"\\/@".indexOf(ch) < 0);
            if (p.length() < 8 || p.length() > 64 || !printable
                    || p.chars().noneMatch(Character::isUpperCase)
                    || p.chars().noneMatch(Character::isLowerCase)
                    || p.chars().noneMatch(Character::isDigit)) {
                throw new JobFailure("SPARKIFY_REDSHIFT_PASSWORD does not meet Redshift's rules: 8-64 printable "
                        + "ASCII characters with an upper-case letter, a lower-case letter and a digit, and none of "
                        + "' \" \\ / @ or space");
            }
        });
        return password;
    }

    /** A failed AWS call as a job failure: what was being done, AWS's message and error code. */
    static JobFailure awsFailure(String doing, SdkException e) {
        String detail = e.getMessage();
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            detail = aws.awsErrorDetails().errorMessage() + " (" + aws.awsErrorDetails().errorCode() + ")";
        }
        return new JobFailure(doing + " failed: " + detail, e);
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
