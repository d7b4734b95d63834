package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Lists and reads the JSON objects under one location, S3 or local, the same way.
 */
public interface ObjectSource {

    /** Every {@code .json} object under the location, sorted by key; one object when it names a file. */
    List<SourceObject> list() throws IOException;

    /** The object's bytes, streamed. */
    InputStream open(SourceObject object) throws IOException;
}
