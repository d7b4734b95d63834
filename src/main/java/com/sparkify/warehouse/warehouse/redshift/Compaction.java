package com.sparkify.warehouse.warehouse.redshift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.Prefetch;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.LoadError;

/**
 * Compaction of a folder of small objects before COPY (issue 17): reads them through the sources'
 * read-ahead, writes gzip JSON-lines parts into a run's {@link StagingArea} folder, each uploaded as
 * soon as it is complete, then the manifest that lists exactly those parts. What it returns maps a load
 * error COPY reports in a part back to the original object and line.
 */
public final class Compaction {

    /** AWS's upper advice for a load file; a part's listed (uncompressed) bytes stay under it. */
    public static final long MAX_PART_BYTES = 1L << 30;

    /** The read-ahead over a folder's objects, in list order (the sources' own for S3). */
    public interface Readers {
        Prefetch open(SourceLocation.S3 location, ObjectSource source, List<SourceObject> objects);
    }

    /** What the compaction reports as it reads. */
    public interface Events {

        /** A record the service cannot read, left out of the parts; false stops the compaction. */
        boolean bad(LoadError error);

        /** Before each object: throws to stop (a cancelled run). */
        default void checkCancelled() {
        }

        /** An object read whole and written into a part. */
        default void objectRead(SourceObject object) {
        }
    }

    /** One folder compacted: the manifest COPY reads, what it lists, and the index back to the originals. */
    public static final class Compacted {
        private final SourceLocation.S3 manifest;
        private final Compactor.Result result;
        private final String table;

        Compacted(SourceLocation.S3 manifest, Compactor.Result result, String table) {
            this.manifest = manifest;
            this.result = result;
            this.table = table;
        }

        /** The manifest listing the parts, for {@code COPY … MANIFEST GZIP}. */
        public SourceLocation.S3 manifest() {
            return manifest;
        }

        public int parts() {
            return result.parts().size();
        }

        /** Bytes of the parts as uploaded (gzip). */
        public long bytes() {
            return result.compressedBytes();
        }

        /** Records written into the parts. */
        public long records() {
            return result.records();
        }

        /** Records left out as unreadable. */
        public int badRecords() {
            return result.bad().size();
        }

        /**
         * A load error COPY reported in one of the parts ({@code object} the part's key) as it would have
         * been reported without compaction: against the original object and line. Others are returned as they are.
         */
        public LoadError original(LoadError error) {
            if (error.object() == null) {
                return error;
            }
            Compactor.Origin origin = result.origin(error.object(), error.line());
            return origin == null ? error
                    : new LoadError(table, origin.object(), origin.line(), error.column(), error.reason(), error.raw());
        }
    }

    private final Compactor compactor;
    private final long compactBelow;
    private final Readers readers;

    /**
     * {@code compactBelow}: a folder is compacted when its objects average fewer bytes (0: never);
     * {@code maxRecordBytes}: the largest record read, as in the embedded engine.
     */
    public Compaction(long compactBelow, long maxPartBytes, int maxRecordBytes, Readers readers) {
        this.compactor = new Compactor(new ObjectMapper(), maxPartBytes, maxRecordBytes);
        this.compactBelow = compactBelow;
        this.readers = readers;
    }

    /** Whether a folder of these objects is compacted: they average under {@code compactBelow}. */
    public boolean applies(List<SourceObject> objects) {
        if (objects.isEmpty() || compactBelow <= 0) {
            return false;
        }
        long total = objects.stream().mapToLong(SourceObject::size).sum();
        return total / objects.size() < compactBelow;
    }

    /** Parts for these objects on {@code slices} slices: the slices, or a multiple keeping parts under the limit. */
    public int partCount(List<SourceObject> objects, int slices) {
        return compactor.partCount(objects, slices);
    }

    /**
     * Compacts {@code objects} of {@code location} into {@code parts} parts named after {@code table}
     * under the run's folder of {@code area}, then writes their manifest; null when {@link Events#bad}
     * said to stop. Parts already uploaded stay in the run's folder for the caller's clean-up.
     */
    public Compacted compact(StagingArea area, String runId, String table, SourceLocation.S3 location,
            ObjectSource source, List<SourceObject> objects, int parts, Events events) throws IOException {
        Path directory = Files.createTempDirectory("sparkify-compaction-");
        List<SourceObject> uploaded = new ArrayList<>();
        Compactor.Result result;
        try (Prefetch reader = readers.open(location, source, objects)) {
            result = compactor.compact(objects, reader, parts, table, directory, new Compactor.Listener() {
                @Override
                public boolean bad(Compactor.BadRecord bad) {
                    return events.bad(new LoadError(table, bad.object(), bad.line(), null, bad.reason(), bad.raw()));
                }

                @Override
                public void beforeObject() {
                    events.checkCancelled();
                }

                @Override
                public void objectRead(SourceObject object) {
                    events.objectRead(object);
                }

                @Override
                public void written(Compactor.Part part) {
                    SourceLocation.S3 at = area.putFile(runId, part.name(), part.file(), "application/gzip");
                    uploaded.add(new SourceObject(at.prefix(), part.compressedBytes()));
                }
            });
        } finally {
            deleteTree(directory);
        }
        if (result == null) {
            return null;
        }
        SourceLocation.S3 manifest = area.put(runId, table + ".manifest",
                CopyManifest.json(area.root().bucket(), uploaded), "application/json");
        return new Compacted(manifest, result, table);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
