package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Objects in a local directory tree (or one file). Keys are relative to the directory's parent, so
 * {@code /data/log_data/2018/11/a.json} is {@code log_data/2018/11/a.json} as on S3. Symbolic links are
 * not followed, so a link cannot pull in files from outside the tree.
 */
public final class LocalObjectSource implements ObjectSource {

    private final Path root;
    /** What keys are relative to: the root's parent, so a key starts with the root's own name. */
    private final Path base;
    /** Told of each walk, so that the folder is watched from then on; null when nothing watches. */
    private final ChangeJournal journal;

    public LocalObjectSource(Path root) {
        this(root, null);
    }

    public LocalObjectSource(Path root, ChangeJournal journal) {
        this.root = root;
        this.base = root.getParent() == null ? root : root.getParent();
        this.journal = journal;
    }

    @Override
    public List<SourceObject> list() throws IOException {
        return listing().objects();
    }

    @Override
    public Listing listing() throws IOException {
        SourceObject file = file();
        if (file != null) {
            return new Listing(List.of(file), List.of());
        }
        List<SourceObject> objects = new ArrayList<>();
        List<String> others = new ArrayList<>();
        ChangeJournal.Walk watching = journal == null ? null : journal.walk(root);
        ForkJoinPool pool = new ForkJoinPool(4 * Runtime.getRuntime().availableProcessors());
        try {
            pool.invoke(new Walk(prefix(), root, watching, (found, left) -> {
                synchronized (objects) {
                    objects.addAll(found);
                    others.addAll(left);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pool.shutdown();
        }
        if (watching != null) {
            watching.completed();
        }
        objects.sort(Comparator.comparing(SourceObject::key));
        others.sort(Comparator.naturalOrder());
        return new Listing(objects, others);
    }

    /** The root as one object when it names a file, else null (a directory); fails when it does not exist. */
    private SourceObject file() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString(), null, "no such file or directory");
        }
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            return new SourceObject(base.relativize(root).toString(), Files.size(root),
                    version(Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS)));
        }
        return null;
    }

    private String prefix() {
        return root.getParent() == null ? "" : root.getFileName() + "/";
    }

    /** What a walk hands over per directory: its {@code .json} files and the keys of its other files. */
    private interface Found {
        void directory(List<SourceObject> objects, List<String> others);
    }

    /**
     * Lists one directory and forks a task per subdirectory: with a cold cache each directory read
     * waits on the disk, and a tree of thousands of song directories lists several times faster when
     * those waits overlap. Keys are built from names as the walk descends ({@code prefix} is the
     * directory's own key and a slash), not by relativizing every path.
     */
    private static final class Walk extends RecursiveAction {
        private final String prefix;
        private final Path dir;
        private final ChangeJournal.Walk watching;
        private final Found found;

        Walk(String prefix, Path dir, ChangeJournal.Walk watching, Found found) {
            this.prefix = prefix;
            this.dir = dir;
            this.watching = watching;
            this.found = found;
        }

        @Override
        protected void compute() {
            List<SourceObject> objects = new ArrayList<>();
            List<String> others = new ArrayList<>();
            List<Walk> subdirectories = new ArrayList<>();
            if (watching != null) {
                watching.directory(dir); // before the read: a change after it is notified, one before it is read
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    BasicFileAttributes attributes = attributes(entries, entry);
                    String name = entry.getFileName().toString();
                    if (attributes.isDirectory()) {
                        Walk walk = new Walk(prefix + name + "/", entry, watching, found);
                        walk.fork();
                        subdirectories.add(walk);
                    } else if (attributes.isRegularFile()) {
                        String key = prefix + name;
                        if (isJson(key)) {
                            objects.add(new SourceObject(key, attributes.size(), version(attributes.lastModifiedTime())));
                        } else {
                            others.add(key);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            found.directory(objects, others);
            for (Walk walk : subdirectories) {
                walk.join();
            }
        }

        /**
         * An entry's attributes, not following a link. Where the stream is a secure one (Linux), relative to
         * the open directory: the kernel then looks up one name instead of the whole path, for every file.
         */
        private static BasicFileAttributes attributes(DirectoryStream<Path> entries, Path entry) throws IOException {
            if (entries instanceof SecureDirectoryStream<Path> secure) {
                return secure.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes();
            }
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Whether a key names a {@code .json} object, in any case (without a lower-cased copy per file). */
    static boolean isJson(String key) {
        return key.regionMatches(true, key.length() - 5, ".json", 0, 5);
    }

    /** A file's version, what the ledger compares: its modification time as {@link Instant#toString()} writes it. */
    static String version(FileTime modified) {
        return modified.toInstant().toString();
    }

    @Override
    public InputStream open(SourceObject object) throws IOException {
        return Files.newInputStream(path(object));
    }

    /** The file behind a listed object: keys are relative to the root's parent, as listed. */
    public Path path(SourceObject object) {
        return base.resolve(object.key());
    }
}
