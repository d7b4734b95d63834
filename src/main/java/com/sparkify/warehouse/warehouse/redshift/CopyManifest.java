package com.sparkify.warehouse.warehouse.redshift;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sparkify.warehouse.source.SourceObject;

/**
 * A COPY manifest: exactly the objects listed, each {@code mandatory} (COPY fails if one is missing
 * instead of loading less) and with its {@code content_length}, so COPY reads what the run listed and
 * counted, not whatever the prefix holds by then.
 */
public final class CopyManifest {

    private CopyManifest() {
    }

    /** The manifest's JSON for objects of {@code bucket}, in the given order. */
    public static byte[] json(String bucket, List<SourceObject> objects) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        StringBuilder out = new StringBuilder(64 + objects.size() * 128).append("{\"entries\":[");
        for (int i = 0; i < objects.size(); i++) {
            SourceObject o = objects.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("{\"url\":\"")
                    .append(encoder.quoteAsString("s3://" + bucket + "/" + o.key()))
                    .append("\",\"mandatory\":true,\"meta\":{\"content_length\":").append(o.size()).append("}}");
        }
        return out.append("\n]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
