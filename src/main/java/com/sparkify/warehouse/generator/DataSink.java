package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.OutputStream;

/** Destination of generated objects, addressed by bucket-style keys such as {@code song_data/A/A/B/TRAAB….json}. */
public interface DataSink {

    /**
     * Opens a new object for writing, replacing any object with the same key.
     *
     * <p>The caller writes the whole content and closes the stream; the object is complete only
     * once the stream is closed. The generator closes each stream before it opens the next, so
     * sinks need not be thread-safe; a failed run leaves the objects written so far.
     *
     * @param key a relative, {@code /}-separated key without a leading slash
     */
    OutputStream open(String key) throws IOException;
}
