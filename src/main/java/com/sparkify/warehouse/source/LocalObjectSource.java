package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Objects in a local directory tree (or one file). Keys are relative to the directory's parent, so
 * {@code /data/log_data/2018/11/a.json} is {@code log_data/2018/11/a.json} as on S3. Symbolic links are
 * not followed, so a link cannot pull in files from outside the tree.
 */
public final class LocalObjectSource implements ObjectSource {

    private final Path root;

    public LocalObjectSource(Path root) {
        this.root = root;
    }

    @Override
    public List<SourceObject> list() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString(), null, "no such file or directory");
        }
        Path base = root.getParent() == null ? root : root.getParent();
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(new SourceObject(base.relativize(root).toString(), Files.size(root)));
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .map(p -> new SourceObject(base.relativize(p).toString().replace('\\', '/'), sizeOf(p)))
                    .sorted((a, b) -> a.key().compareTo(b.key()))
                    .toList();
        }
    }

    @Override
    public InputStream open(SourceObject object) throws IOException {
        Path base = root.getParent() == null ? root : root.getParent();
        return Files.newInputStream(base.resolve(object.key()));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
