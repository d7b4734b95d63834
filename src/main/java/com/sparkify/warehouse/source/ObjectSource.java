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

    /**
     * The {@code .json} objects as {@link #list()} gives them, and the keys of the other objects under
     * the location, which the loaders leave out but a run must name (COPY of the prefix would read them).
     */
    default Listing listing() throws IOException {
        return new Listing(list(), List.of());
    }

    /** One listing: the objects to load, and the keys left out because they are not {@code .json}. */
    record Listing(List<SourceObject> objects, List<String> others) {
        public Listing {
            objects = List.copyOf(objects);
            others = List.copyOf(others);
        }
    }

    /** The object's bytes, streamed. */
    InputStream open(SourceObject object) throws IOException;
}
