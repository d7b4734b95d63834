package com.sparkify.warehouse.source;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects under an S3 key prefix. Like Redshift's COPY, the prefix is a plain key prefix; only keys
 * ending in {@code .json} are loaded. Listing follows every page.
 */
public final class S3ObjectSource implements ObjectSource {

    private final S3Client s3;
    private final SourceLocation.S3 location;

    public S3ObjectSource(S3Client s3, SourceLocation.S3 location) {
        this.s3 = s3;
        this.location = location;
    }

    @Override
    public List<SourceObject> list() {
        return listing().objects();
    }

    @Override
    public Listing listing() {
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(location.bucket())
                .prefix(location.prefix())
                .build();
        List<SourceObject> objects = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
            if (o.key().toLowerCase(Locale.ROOT).endsWith(".json")) {
                objects.add(new SourceObject(o.key(), o.size() == null ? 0 : o.size()));
            } else if (!o.key().endsWith("/")) {
                others.add(o.key());
            }
        }
        objects.sort(Comparator.comparing(SourceObject::key));
        others.sort(Comparator.naturalOrder());
        return new Listing(objects, others);
    }

    @Override
    public InputStream open(SourceObject object) {
        return s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(object.key()).build());
    }
}
