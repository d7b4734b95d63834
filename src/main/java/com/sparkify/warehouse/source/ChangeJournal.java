package com.sparkify.warehouse.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.sparkify.warehouse.config.SparkifyConfig;

import org.jboss.logging.Logger;

/**
 * What changed under each local source folder since the ledger last agreed with it, so that an incremental
 * run stats only the files named here instead of every file of the tree (the walk of 100,000 song files is
 * most of an incremental run otherwise: BENCHMARKS.md, "Session 13").
 * <p>
 * A folder is watched (Linux inotify, through the JDK's {@link WatchService}) from the first walk that lists
 * it: the walk registers each directory before reading it, so a change after the registration is a
 * notification and one before it is in what the walk read. A run that committed what it listed makes that
 * listing the folder's <em>baseline</em>, tied to the ledger's state for the location; from then on, the
 * journal holds the names notified since. Anything that may have lost a notification (the kernel's queue
 * overflowing, a watched directory deleted or moved away, a registration refused) stops watching the folder,
 * and a ledger changed by anything else (a reset) ends the baseline: the next run walks the folder again and
 * watches it afresh. Only folders on local file systems are watched (a network file system does not notify
 * changes made by other machines), and not one inside or around another watched folder (the kernel watches
 * a directory once, for one of them).
 * <p>
 * Notifications reach the journal on a thread of its own, a little after the change: before a run reads the
 * journal, it creates a file in a folder of the service's own, watched through the same kernel queue, and
 * waits for that file's notification, which comes after every earlier one.
 */
@ApplicationScoped
public class ChangeJournal {

    private static final Logger LOG = Logger.getLogger(ChangeJournal.class);

    /** File systems whose changes, from any process on this machine, the kernel notifies. */
    public static final Set<String> LOCAL_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay",
            "zfs", "f2fs", "bcachefs");
    /** Folders watched at once; the least recently used one beyond this is no longer watched. */
    static final int FOLDERS = 16;
    /** Names a folder's journal may hold; past that a walk is as cheap, so the baseline ends instead. */
    static final int MAX_CHANGED = 200_000;
    /** How long a run waits for its own notification before it walks instead. */
    static final long SYNC_TIMEOUT_MS = 10_000;

    private final boolean enabled;
    private final Path syncDir;
    /** Every notification and every lost baseline takes the next number: what orders them against walks. */
    private final AtomicLong sequence = new AtomicLong();
    /** Guarded by itself, in order of use. */
    private final LinkedHashMap<Path, Folder> folders = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<WatchKey, Directory> directories = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> syncs = new ConcurrentHashMap<>();
    /** Guarded by this; null until the first folder is watched, or when watching is off or failed. */
    private WatchService service;
    private WatchKey syncKey;
    private boolean closed;

    @Inject
    public ChangeJournal(SparkifyConfig config) {
        this(config.source().watch(), config.dataDir().resolve("source-watch"));
    }

    /** A journal whose own notifications go through {@code syncDir}; none at all when not {@code enabled}. */
    public ChangeJournal(boolean enabled, Path syncDir) {
        this.enabled = enabled;
        this.syncDir = syncDir.toAbsolutePath().normalize();
    }

    /** A directory watched for a folder: the key prefix of the names in it. */
    private record Directory(Folder folder, Path path, String prefix) {
    }

    /** One watched folder (a song or log location) and what changed in it since its baseline. */
    private final class Folder {
        final Path root;
        final String prefix;
        final Object fileKey;
        /** Key of each changed name, as the listing would give it, with the number of its latest notification. */
        final Map<String, Long> changed = new ConcurrentHashMap<>();
        final Map<Path, WatchKey> watched = new ConcurrentHashMap<>();
        /** Guarded by this: no longer watched (a loss); the folder's next walk starts a new one. */
        boolean gone;
        /** Guarded by this: the number the baseline was made at, -1 before a run committed. */
        long baseline = -1;
        /** Guarded by this: the ledger's state the baseline goes with. */
        String ledgerState;
        /** Guarded by this: where the last walk that registered every directory started, or -1. */
        long walked = -1;

        Folder(Path root, Object fileKey) {
            this.root = root;
            this.prefix = root.getFileName() + "/";
            this.fileKey = fileKey;
        }

        void lose(String why) {
            LOG.debugf("Changes under %s may be missed (%s): its next run lists it whole", root, why);
            synchronized (folders) {
                forget(this);
            }
        }

        void change(String key) {
            changed.put(key, sequence.incrementAndGet());
            if (changed.size() > MAX_CHANGED) {
                lose("more than " + MAX_CHANGED + " names changed");
            }
        }

        /** Guarded by this. */
        boolean agrees(String state) {
            return !gone && baseline >= 0 && Objects.equals(ledgerState, state);
        }
    }

    /** How a walk of a folder tells the journal what it saw: each directory before reading it, then its end. */
    public interface Walk {
        /** Watches {@code dir} (a directory of the walked folder) from now on, if it is not watched yet. */
        void directory(Path dir);

        /** The walk read every directory it registered. */
        void completed();
    }

    private static final Walk NOT_WATCHED = new Walk() {
        @Override
        public void directory(Path dir) {
        }

        @Override
        public void completed() {
        }
    };

    /**
     * A walk of {@code root} starting now: it watches the folder's directories as it reads them. A folder that
     * cannot be watched (watching off, not Linux, not a local file system) gets a walk that does nothing.
     */
    public Walk walk(Path root) {
        Folder folder = folder(root);
        if (folder == null) {
            return NOT_WATCHED;
        }
        long started = sequence.incrementAndGet();
        return new Walk() {
            @Override
            public void directory(Path dir) {
                Path path = dir.toAbsolutePath().normalize();
                if (!folder.watched.containsKey(path)) { // a loss forgets every directory: none is stale
                    String relative = folder.root.relativize(path).toString();
                    watch(folder, path, relative.isEmpty() ? folder.prefix : folder.prefix + relative + "/");
                }
            }

            @Override
            public void completed() {
                synchronized (folder) {
                    if (!folder.gone) {
                        folder.walked = Math.max(folder.walked, started);
                    }
                }
            }
        };
    }

    /**
     * What a run read of a folder: made before the run lists it (or reads its journal), and told once the run
     * committed, so that what it listed becomes the folder's baseline.
     */
    public final class Mark {
        private final Path root;
        private final long at;
        /** The folder whose journal the run read, null when the run walks. */
        private final Folder read;
        /** The baseline the journal was read against. */
        private final long from;
        /** What the run read: each name with the number of the notification it read it by. */
        private final Map<String, Long> names;

        private Mark(Path root, long at, Folder read, long from, Map<String, Long> names) {
            this.root = root;
            this.at = at;
            this.read = read;
            this.from = from;
            this.names = names;
        }

        /**
         * The run committed what it listed (or found nothing new), and the ledger's state for the location is now
         * {@code ledgerState}: names notified before its listing are in the ledger as they are now.
         */
        public void committed(String ledgerState) {
            if (read != null) {
                synchronized (read) {
                    if (read.gone || read.baseline != from) {
                        return; // lost while the run read it: the next run walks
                    }
                    read.baseline = at;
                    read.ledgerState = ledgerState;
                    // Only what the run read: a name noted meanwhile stays, whatever its number.
                    names.forEach(read.changed::remove);
                }
                return;
            }
            Folder folder;
            synchronized (folders) {
                folder = folders.get(root);
            }
            if (folder == null) {
                return;
            }
            synchronized (folder) {
                if (folder.gone || folder.walked < at) {
                    return; // no walk of this run registered every directory
                }
                long walked = folder.walked;
                folder.baseline = walked;
                folder.ledgerState = ledgerState;
                // Noted before the walk started: the walk's stats came after.
                folder.changed.values().removeIf(n -> n < walked);
            }
        }
    }

    /** A mark for a run that is about to walk {@code root}. */
    public Mark beforeWalk(Path root) {
        return new Mark(root.toAbsolutePath().normalize(), sequence.incrementAndGet(), null, -1, null);
    }

    /** What changed under a folder since its baseline: the {@code .json} files and other files there now. */
    public record Changes(List<SourceObject> objects, List<String> others, Mark mark) {
    }

    /**
     * The files changed under {@code root} since its baseline, as they are now (a file deleted since is not
     * among them), when the baseline was made with the ledger in {@code ledgerState}; empty when the folder
     * must be walked instead.
     */
    public Optional<Changes> changes(Path root, String ledgerState) throws IOException {
        Path path = root.toAbsolutePath().normalize();
        Folder folder;
        synchronized (folders) {
            folder = folders.get(path);
        }
        if (folder == null || !Objects.equals(fileKey(path), folder.fileKey) || !sync()) {
            return Optional.empty();
        }
        long from;
        long at;
        Map<String, Long> names;
        synchronized (folder) {
            if (!folder.agrees(ledgerState)) {
                return Optional.empty();
            }
            from = folder.baseline;
            at = sequence.get();
            names = new HashMap<>(folder.changed);
        }
        List<String> keys = new ArrayList<>(names.keySet());
        Path base = path.getParent();
        List<SourceObject> objects = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Stat stat : stat(base, keys)) {
            if (stat.attributes() == null || !stat.attributes().isRegularFile()) {
                continue; // gone since (a gone object keeps its rows until a full run), or a directory
            }
            if (LocalObjectSource.isJson(stat.key())) {
                objects.add(new SourceObject(stat.key(), stat.attributes().size(),
                        LocalObjectSource.version(stat.attributes().lastModifiedTime())));
            } else {
                others.add(stat.key());
            }
        }
        objects.sort(Comparator.comparing(SourceObject::key));
        others.sort(Comparator.naturalOrder());
        return Optional.of(new Changes(objects, others, new Mark(path, at, folder, from, names)));
    }

    /** A changed name and its attributes now, null when it is gone. */
    private record Stat(String key, BasicFileAttributes attributes) {
    }

    /** Names at which the stats are spread over threads: with a cold cache each one waits on the disk. */
    static final int PARALLEL_STATS = 64;

    private static List<Stat> stat(Path base, List<String> keys) throws IOException {
        if (keys.size() < PARALLEL_STATS) {
            return keys.stream().map(key -> stat(base, key)).toList();
        }
        // A parallel stream runs in the pool it is started from: four waits per core overlap, as in the walk.
        ForkJoinPool pool = new ForkJoinPool(4 * Runtime.getRuntime().availableProcessors());
        try {
            return pool.submit(() -> keys.parallelStream().map(key -> stat(base, key)).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading changed files' attributes");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static Stat stat(Path base, String key) {
        try {
            return new Stat(key, Files.readAttributes(base.resolve(key), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return new Stat(key, null);
        }
    }

    /** The folder's journal, watching it from now on; null when it cannot be watched. */
    private Folder folder(Path root) {
        Path path = root.toAbsolutePath().normalize();
        if (!enabled || path.getParent() == null) {
            return null;
        }
        synchronized (folders) {
            Folder folder = folders.get(path);
            if (folder != null && Objects.equals(folder.fileKey, fileKey(path))) {
                return folder;
            }
            if (folder != null) {
                forget(folder); // another directory under the same path now
            }
            if (path.startsWith(syncDir) || syncDir.startsWith(path)
                    || folders.keySet().stream().anyMatch(f -> f.startsWith(path) || path.startsWith(f))) {
                return null; // the kernel watches a directory once: it would notify only one of the two
            }
            try {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                        || !LOCAL_FILE_SYSTEMS.contains(Files.getFileStore(path).type()) || service() == null) {
                    return null;
                }
                folder = new Folder(path, fileKey(path));
            } catch (IOException e) {
                return null;
            }
            folders.put(path, folder);
            if (folders.size() > FOLDERS) {
                forget(folders.values().iterator().next());
            }
            return folder;
        }
    }

    /** Stops watching a folder: its next walk watches it afresh. Guarded by {@code folders}. */
    private void forget(Folder folder) {
        synchronized (folder) {
            if (folder.gone) {
                return;
            }
            folder.gone = true;
        }
        folders.remove(folder.root, folder);
        directories.values().removeIf(d -> d.folder() == folder);
        folder.watched.values().forEach(WatchKey::cancel);
        folder.watched.clear();
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Watches one directory of a folder; a directory that cannot be watched ends the folder's baseline. */
    private void watch(Folder folder, Path dir, String prefix) {
        WatchService watcher = serviceOrNull();
        if (watcher == null) {
            folder.lose("the watch service is closed");
            return;
        }
        try {
            WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            synchronized (folder) {
                if (folder.gone) {
                    return; // lost meanwhile; the key may already be a newer walk's for the same directory
                }
                // Recorded before the directory is read: a change from now on is noted, one before is read.
                directories.put(key, new Directory(folder, dir, prefix));
                folder.watched.put(dir, key);
            }
        } catch (IOException | RuntimeException e) {
            folder.lose("cannot watch " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The kernel's queue holds notifications in the order of the changes: once this service's own file's
     * notification arrived, every change made before it has been noted. False when it did not arrive in time.
     */
    private boolean sync() {
        String name = "sync-" + UUID.randomUUID(); // unique across restarts and processes sharing the folder
        CompletableFuture<Void> arrived = new CompletableFuture<>();
        syncs.put(name, arrived);
        Path file = syncDir.resolve(name);
        try {
            watchSyncDir();
            Files.createFile(file);
            arrived.get(SYNC_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.debugf("No notification of %s: this run lists its folders whole (%s)", file, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            syncs.remove(name);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a file left behind in the service's own folder harms nothing
            }
        }
    }

    /** The service's own folder, watched again if it was deleted since. */
    private synchronized void watchSyncDir() throws IOException {
        if (service != null && !syncKey.isValid()) {
            Files.createDirectories(syncDir);
            syncKey = syncDir.register(service, StandardWatchEventKinds.ENTRY_CREATE);
        }
    }

    private synchronized WatchService serviceOrNull() {
        return service;
    }

    /** The watch service, started with its own folder on first use; null where it is not the kernel's. */
    private synchronized WatchService service() throws IOException {
        if (service != null || closed) {
            return service;
        }
        WatchService started = FileSystems.getDefault().newWatchService();
        // Elsewhere the JDK polls every few seconds: slower than a walk, and not ordered with this service's own file.
        if (!started.getClass().getName().endsWith("LinuxWatchService")) {
            started.close();
            closed = true;
            return null;
        }
        try {
            Files.createDirectories(syncDir);
            syncKey = syncDir.register(started, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException | RuntimeException e) {
            started.close(); // each one holds one of the user's few inotify instances
            throw e;
        }
        service = started;
        Thread thread = new Thread(() -> noteChanges(started), "sparkify-source-watch");
        thread.setDaemon(true);
        thread.start();
        return service;
    }

    /** Notes every notification until the service closes. */
    private void noteChanges(WatchService watcher) {
        try {
            for (;;) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    note(key, event);
                }
                if (!key.reset()) {
                    gone(key);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.warn("Watching local source folders stopped; incremental runs list them whole", e);
            close(); // no run waits for a notification nobody notes
            forgetAll();
        }
    }

    /** One notification: a name changed, a directory appeared, or notifications were lost. */
    void note(WatchKey key, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            LOG.debug("The kernel's queue of notifications overflowed: every watched folder is listed again");
            forgetAll();
            syncs.values().forEach(s -> s.completeExceptionally(new IOException("notifications lost")));
            return;
        }
        String name = event.context().toString();
        if (key == syncKey()) {
            CompletableFuture<Void> waiting = syncs.get(name);
            if (waiting != null) {
                // A key is queued once: events the poller added to one this thread has not taken back yet
                // came before this one, but its key may come after it in the queue. Noted first.
                for (WatchKey other : List.copyOf(directories.keySet())) {
                    for (WatchEvent<?> pending : other.pollEvents()) {
                        note(other, pending);
                    }
                }
                waiting.complete(null);
            }
            return;
        }
        Directory dir = directories.get(key);
        if (dir == null) {
            return; // a folder no longer watched
        }
        Folder folder = dir.folder();
        Path child = dir.path().resolve(name);
        if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE && folder.watched.containsKey(child)) {
            folder.lose(child + " was deleted or moved away"); // its subdirectories' watches went with it
        } else if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
            arrived(folder, child, dir.prefix() + name + "/");
        } else {
            folder.change(dir.prefix() + name);
        }
    }

    /** A directory created or moved in: watched first, then every name in it noted, as a walk would. */
    private void arrived(Folder folder, Path dir, String prefix) {
        watch(folder, dir, prefix);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    arrived(folder, entry, prefix + name + "/");
                } else {
                    folder.change(prefix + name);
                }
            }
        } catch (IOException e) {
            folder.lose("cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** A watched directory deleted, moved or unmounted: its folder's names there can no longer be followed. */
    private void gone(WatchKey key) {
        Directory dir = directories.get(key);
        if (dir != null) {
            dir.folder().lose(dir.path() + " is no longer watched");
        }
    }

    private void forgetAll() {
        synchronized (folders) {
            List.copyOf(folders.values()).forEach(this::forget);
        }
    }

    private synchronized WatchKey syncKey() {
        return syncKey;
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // closing on shutdown
            }
            service = null;
        }
    }
}
