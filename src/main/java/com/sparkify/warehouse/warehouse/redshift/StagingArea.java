package com.sparkify.warehouse.warehouse.redshift;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sparkify.warehouse.source.SourceLocation;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The service's own S3 folder ({@code sparkify.redshift.staging-prefix}) for objects a run writes for
 * COPY to read (manifests, compacted parts): each run writes under {@code <prefix><run id>/} and deletes
 * its folder when it ends; what a crashed run left is deleted when the next run starts. Runs never
 * overlap, so at a run's start everything else under the prefix is left over.
 */
public final class StagingArea {

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

    /** Writes a file into the run's folder, streamed from disk, and returns where it is. */
    public SourceLocation.S3 putFile(String runId, String name, Path file, String contentType) {
        String key = folder(runId) + name;
        s3.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(key).contentType(contentType).build(),
                RequestBody.fromFile(file));
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

    /**
     * One DeleteObject per key: a run leaves few objects, and DeleteObjects needs a checksum header
     * that S3-compatible stores often refuse.
     */
    private int delete(List<String> keys) {
        for (String key : keys) {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(root.bucket()).key(key).build());
        }
        return keys.size();
    }
}
