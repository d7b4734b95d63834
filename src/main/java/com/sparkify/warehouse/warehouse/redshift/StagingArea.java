package com.sparkify.warehouse.warehouse.redshift;

import java.util.ArrayList;
import java.util.List;

import com.sparkify.warehouse.source.SourceLocation;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The service's own S3 folder ({@code sparkify.redshift.staging-prefix}) for objects a run writes for
 * COPY to read (manifests, compacted files): each run writes under {@code <prefix><run id>/} and deletes
 * its folder when it ends; what a crashed run left is deleted when the next run starts. Runs never
 * overlap, so at a run's start everything else under the prefix is left over.
 */
public final class StagingArea {

    private static final Logger LOG = Logger.getLogger(StagingArea.class);
    /** DeleteObjects takes at most this many keys per request. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final SourceLocation.S3 root;

    /** {@code root} is a folder: a prefix that is empty or ends in {@code /}. */
    public StagingArea(S3Client s3, SourceLocation.S3 root) {
        if (!root.prefix().isEmpty() && !root.prefix().endsWith("/")) {
            throw new IllegalArgumentException("the staging prefix must end in /: " + root);
        }
        this.s3 = s3;
        this.root = root;
    }

    public SourceLocation.S3 root() {
        return root;
    }

    /** Deletes what earlier runs left under the prefix, keeping {@code runId}'s folder; returns how many. */
    public int clearLeftovers(String runId) {
        String keep = folder(runId);
        return delete(keys(root.prefix()).stream().filter(k -> !k.startsWith(keep)).toList());
    }

    /** Writes one object into the run's folder and returns where it is. */
    public SourceLocation.S3 put(String runId, String name, byte[] body, String contentType) {
        String key = folder(runId) + name;
        s3.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(key).contentType(contentType).build(),
                RequestBody.fromBytes(body));
        return new SourceLocation.S3(root.bucket(), key);
    }

    /** Deletes the run's folder; returns how many objects it held. */
    public int deleteRun(String runId) {
        return delete(keys(folder(runId)));
    }

    private String folder(String runId) {
        if (runId.isEmpty() || !runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a run id usable in a key: " + runId);
        }
        return root.prefix() + runId + "/";
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(root.bucket()).prefix(prefix).build();
        for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    private int delete(List<String> keys) {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            var response = s3.deleteObjects(DeleteObjectsRequest.builder().bucket(root.bucket())
                    .delete(Delete.builder().objects(batch).quiet(true).build()).build());
            if (response.hasErrors() && !response.errors().isEmpty()) {
                LOG.warnf("%d staging objects under %s could not be deleted, e.g. %s: %s", response.errors().size(),
                        root, response.errors().get(0).key(), response.errors().get(0).message());
            }
        }
        return keys.size();
    }
}
