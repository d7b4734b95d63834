package com.sparkify.warehouse.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Puts in place what the browser tests need and runs them: Debian's Chromium (installed with apt-get only when
 * {@code -DinstallBrowser=true} asks for it), the npm packages of {@code src/test/browser} ({@code npm ci} when the lock file changed), and
 * node. Every child process's output is copied to this JVM's, so it ends up in the build log.
 */
public final class BrowserTools {

    /** Where Debian's chromium package puts the browser; CHROMIUM_PATH names another. */
    public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserTools() {
    }

    /** The system property that allows {@link #chromium()} to install Debian's Chromium (CI sets it). */
    public static final String INSTALL_PROPERTY = "installBrowser";

    /** The one line a skipped browser test prints: how to run it. */
    public static final String HOW_TO_RUN = "no Chromium at " + DEBIAN_CHROMIUM + " or CHROMIUM_PATH: browser test "
            + "skipped (set CHROMIUM_PATH, or run with -DinstallBrowser=true to apt-get install chromium)";

    /**
     * The Chromium to drive: CHROMIUM_PATH, else Debian's, else empty. Installs Debian's package only when
     * asked ({@code -DinstallBrowser=true}): a test command must not change the machine unasked.
     */
    public static Optional<Path> chromium() throws IOException, InterruptedException {
        String configured = System.getenv("CHROMIUM_PATH");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(requireExecutable(Path.of(configured), "CHROMIUM_PATH"));
        }
        if (!Files.isExecutable(DEBIAN_CHROMIUM)) {
            if (!Boolean.getBoolean(INSTALL_PROPERTY)) {
                return Optional.empty();
            }
            Map<String, String> noninteractive = Map.of("DEBIAN_FRONTEND", "noninteractive");
            // apt-get update first: on a fresh machine the package lists are empty.
            run(List.of("apt-get", "update", "-qq"), Path.of("."), noninteractive, 10);
            run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"),
                    Path.of("."), noninteractive, 20);
        }
        return Optional.of(requireExecutable(DEBIAN_CHROMIUM, "apt-get install chromium"));
    }

    /** Whether {@code node} runs at all on this machine. */
    public static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Installs the exact versions of package-lock.json unless node_modules already holds them. */
    public static void npmCi(Path dir) throws IOException, InterruptedException {
        Path installed = dir.resolve("node_modules/.package-lock.json");
        Path lock = dir.resolve("package-lock.json");
        if (Files.isRegularFile(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        if (run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(), 10) != 0) {
            throw new IllegalStateException("npm ci failed in " + dir);
        }
    }

    /**
     * Runs a command in dir with extra environment variables and returns its exit code, killing it after the
     * limit. Its output is copied line by line to System.out: a child writing straight to the forked test
     * JVM's stdout would corrupt Surefire's channel.
     */
    public static int run(List<String> command, Path dir, Map<String, String> environment, int limitMinutes)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (is it installed and on the PATH?)", e);
        }
        Thread copier = new Thread(() -> copyLines(process.getInputStream()), command.get(0) + " output");
        copier.setDaemon(true);
        copier.start();
        if (!process.waitFor(limitMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " took longer than " + limitMinutes + " min");
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    private static void copyLines(InputStream output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println(line);
            }
        } catch (IOException e) {
            System.out.println("(output lost: " + e.getMessage() + ")");
        }
    }

    private static Path requireExecutable(Path browser, String hint) {
        if (!Files.isExecutable(browser)) {
            throw new IllegalStateException("no Chromium at " + browser + " (" + hint + ")");
        }
        return browser;
    }
}
