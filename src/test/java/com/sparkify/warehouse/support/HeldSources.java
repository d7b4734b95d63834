package com.sparkify.warehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.ChangeJournal;
import com.sparkify.warehouse.source.ObjectSource;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.source.SourceService;

/**
 * The service's sources, able to hold a run at a known point: a test arms a {@link Hold} for an object
 * key, the run's first read of that object waits until the test releases it, and the test learns when
 * the run got there. Without a hold the sources behave exactly as the service's own. A singleton, as
 * the service's class has no constructor a client proxy could use.
 */
@Alternative
@Priority(1)
@Singleton
public class HeldSources extends SourceService {

    private static final Map<String, Hold> HOLDS = new ConcurrentHashMap<>();

    HeldSources(SparkifyConfig config, ChangeJournal journal) {
        super(config, journal);
    }

    /** Holds the next read of the object whose key ends with {@code keySuffix}; close the hold to release it. */
    public static Hold holdAt(String keySuffix) {
        Hold hold = new Hold(keySuffix);
        if (HOLDS.putIfAbsent(keySuffix, hold) != null) {
            throw new IllegalStateException("a hold is already armed at " + keySuffix);
        }
        return hold;
    }

    /**
     * The service's source, wrapped only while a hold is armed: a wrapped local source is no longer one
     * DuckDB's own reader may read, so a held run stages through the service's loader.
     */
    @Override
    public ObjectSource open(SourceLocation location) {
        ObjectSource source = super.open(location);
        if (HOLDS.isEmpty()) {
            return source;
        }
        return new ObjectSource() {
            @Override
            public List<SourceObject> list() throws IOException {
                return source.list();
            }

            @Override
            public InputStream open(SourceObject object) throws IOException {
                for (Hold hold : HOLDS.values()) {
                    if (object.key().endsWith(hold.keySuffix)) {
                        hold.block();
                    }
                }
                return source.open(object);
            }
        };
    }

    /** One armed hold: {@link #awaitReached()} waits for the run, {@link #close()} lets it go on. */
    public static final class Hold implements AutoCloseable {
        private final String keySuffix;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String keySuffix) {
            this.keySuffix = keySuffix;
        }

        private void block() throws IOException {
            reached.countDown();
            try {
                if (!released.await(Waits.DEFAULT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IOException("test hold at " + keySuffix + " was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held at " + keySuffix, e);
            }
        }

        /** Waits until a run reads the held object and is stopped there. */
        public void awaitReached() throws InterruptedException {
            if (!reached.await(Waits.DEFAULT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("no run read " + keySuffix + " within " + Waits.DEFAULT_LIMIT);
            }
        }

        /** Lets the held run go on, and holds nothing more. */
        @Override
        public void close() {
            HOLDS.remove(keySuffix, this);
            released.countDown();
        }
    }
}
