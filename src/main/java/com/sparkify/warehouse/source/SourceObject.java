package com.sparkify.warehouse.source;

/**
 * One object (file) to load: its key relative to the source root as shown in load errors, its size,
 * and its version as the source reports it (S3's ETag, a local file's modification time), or null
 * where unknown. The ledger compares size and version to tell a changed object from a loaded one.
 */
public record SourceObject(String key, long size, String version) {

    /** An object whose version is unknown. */
    public SourceObject(String key, long size) {
        this(key, size, null);
    }
}
