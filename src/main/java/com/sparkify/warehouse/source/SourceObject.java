package com.sparkify.warehouse.source;

/**
 * One object (file) to load: its key relative to the source root as shown in load errors, and its size.
 */
public record SourceObject(String key, long size) {
}
