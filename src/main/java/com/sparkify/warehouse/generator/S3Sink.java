package com.sparkify.warehouse.generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads each object to S3 with one PutObject when its stream is closed.
 *
 * <p>Song files are a few hundred bytes and are buffered in memory; a day of events can reach
 * hundreds of megabytes, so a stream that grows past {@link #MEMORY_LIMIT} spills to a temporary
 * file which is uploaded from disk and then deleted.
 */
public final class S3Sink implements DataSink {

    /** Largest object kept in memory before it spills to a temporary file. */
    static final int MEMORY_LIMIT = 8 * 1024 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix key prefix inside the bucket, for example {@code sparkify/raw}; a missing
     *               trailing slash is added, an empty prefix writes to the bucket root
     */
    public S3Sink(S3Client client, String bucket, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = normalizePrefix(prefix);
    }

    /** The full object key written for a sink key. */
    public String objectKey(String key) {
        return prefix + key;
    }

    @Override
    public OutputStream open(String key) {
        return new UploadStream(objectKey(key));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }

    static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String trimmed = prefix;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.isEmpty() || trimmed.endsWith("/")) {
            return trimmed;
        }
        return trimmed + "/";
    }

    /** Collects one object's bytes, in memory first and on disk once large. */
    private final class UploadStream extends OutputStream {

        private final String objectKey;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream(1024);
        private Path spillFile;
        private OutputStream spill;
        private boolean closed;

        UploadStream(String objectKey) {
            this.objectKey = objectKey;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream already closed: " + objectKey);
            }
            if (spill == null && memory.size() + len > MEMORY_LIMIT) {
                spillFile = Files.createTempFile("sparkify-s3-", ".part");
                spill = Files.newOutputStream(spillFile);
                memory.writeTo(spill);
                memory = null;
            }
            if (spill != null) {
                spill.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            PutObjectRequest request = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(objectKey)
                    .contentType("application/json")
                    .build();
            try {
                if (spill == null) {
                    client.putObject(request, RequestBody.fromBytes(memory.toByteArray()));
                    memory = null;
                } else {
                    spill.close();
                    client.putObject(request, RequestBody.fromFile(spillFile));
                }
            } catch (SdkException e) {
                // Callers handle IOException for every sink; keep the SDK's reason as the cause.
                throw new IOException("upload of s3://" + bucket + "/" + objectKey + " failed: " + e.getMessage(), e);
            } finally {
                if (spillFile != null) {
                    Files.deleteIfExists(spillFile);
                }
            }
        }
    }
}
