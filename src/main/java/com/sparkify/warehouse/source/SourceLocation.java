package com.sparkify.warehouse.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where raw data is: an S3 bucket and key prefix, or a local file or directory.
 */
public sealed interface SourceLocation {

    /** {@code s3://bucket/prefix}. */
    record S3(String bucket, String prefix) implements SourceLocation {
        @Override
        public String toString() {
            return "s3://" + bucket + "/" + prefix;
        }
    }

    /** A local file or directory, absolute and normalised. */
    record Local(Path path) implements SourceLocation {
        @Override
        public String toString() {
            return "file://" + path.toString().replace('\\', '/');
        }
    }

    /**
     * Parses {@code s3://bucket/prefix}, {@code file:///abs/path} or a plain path (relative to the
     * working directory).
     *
     * @throws InvalidSourceException naming {@code field} when the value is none of these
     */
    static SourceLocation parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSourceException(field, value, "must not be empty");
        }
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://")) {
            String rest = v.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new InvalidSourceException(field, value, "'" + bucket + "' is not a valid S3 bucket name");
            }
            for (char c : prefix.toCharArray()) {
                if (Character.isISOControl(c) || c == '\\') {
                    throw new InvalidSourceException(field, value, "the key prefix has a control character or backslash");
                }
            }
            return new S3(bucket, prefix);
        }
        if (lower.startsWith("file:")) {
            try {
                URI uri = new URI(v);
                if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
                    throw new InvalidSourceException(field, value, "file URIs must be local (file:///path)");
                }
                return new Local(Path.of(uri).toAbsolutePath().normalize());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new InvalidSourceException(field, value, "not a valid file URI");
            }
        }
        int colon = v.indexOf(':');
        if (colon > 1 && v.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*")) {
            throw new InvalidSourceException(field, value,
                    "unsupported scheme '" + v.substring(0, colon) + "': use s3://, file:// or a local path");
        }
        try {
            return new Local(Path.of(v).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new InvalidSourceException(field, value, "not a valid path");
        }
    }
}
