package com.sparkify.warehouse.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small volume for the data directory: a tmpfs mounted under {@code target/} before the service
 * starts and unmounted after its tests. Mounting needs root; {@link #mountable()} says whether this
 * machine can, so a test class can skip itself (with a message) where it cannot.
 */
public class TmpfsResource implements QuarkusTestResourceLifecycleManager {

    /** The volume's size: a small sample run fits, a run over several times its bytes does not. */
    public static final String SIZE = "48m";

    private Path mount;

    /** Whether a tmpfs can be mounted here (root, and a kernel and container that allow it). */
    public static boolean mountable() {
        Path probe = Path.of("target", "tmpfs-probe-" + UUID.randomUUID());
        try {
            Files.createDirectories(probe);
            if (!run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString())) {
                return false;
            }
            return run("umount", probe.toString());
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // an empty folder under target/
            }
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            mount = Files.createDirectories(Path.of("target", "tmpfs-" + UUID.randomUUID()).toAbsolutePath());
            if (!run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", mount.toString())) {
                throw new IllegalStateException("cannot mount a tmpfs at " + mount + " (root needed)");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("sparkify.data-dir", mount.toString(),
                // sources stay on the ordinary disk: only the data directory is small
                "sparkify.source.allowed-local-roots", Path.of("target", "test-data").toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        if (mount != null && !run("umount", mount.toString())) {
            run("umount", "-l", mount.toString()); // still busy: detach now, freed when the last file closes
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
