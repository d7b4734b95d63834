package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Writes objects as files below a root directory, creating directories on demand. */
public final class DirectorySink implements DataSink {

    private final Path root;
    // 100k song files share a few hundred directories: remember the ones already created
    // instead of asking the file system again for every file.
    private final Set<Path> createdDirectories = new HashSet<>();

    public DirectorySink(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public OutputStream open(String key) throws IOException {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("key escapes the output directory: " + key);
        }
        Path parent = target.getParent();
        if (createdDirectories.add(parent)) {
            Files.createDirectories(parent);
        }
        // Unbuffered on purpose: the generator writes whole song files in one call and wraps
        // the large event files in its own buffer.
        return Files.newOutputStream(target);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
