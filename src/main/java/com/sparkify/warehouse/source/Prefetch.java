package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The objects of one load, fetched ahead of the loader threads that parse them, in list order, with
 * bounded memory: {@link ReadAhead} for local files, {@link S3ReadAhead} for S3.
 */
public interface Prefetch extends AutoCloseable {

    /** The bytes of the load's object at {@code index}; each index is opened once. */
    InputStream open(int index) throws IOException;

    /** Stops fetching; what was fetched and not opened is dropped. */
    @Override
    void close();
}
