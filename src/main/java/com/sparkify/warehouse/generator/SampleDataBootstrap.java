package com.sparkify.warehouse.generator;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceService;

import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;

/**
 * On the embedded default, writes a small generated data set into the configured local sources when
 * they hold no data yet, so a first {@code POST /etl/runs} has something real to load offline.
 */
@ApplicationScoped
public class SampleDataBootstrap {

    private static final Logger LOG = Logger.getLogger(SampleDataBootstrap.class);

    private final SparkifyConfig config;

    public SampleDataBootstrap(SparkifyConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.sample().generateOnStart()) {
            return;
        }
        Path root = sampleRoot();
        if (root == null) {
            LOG.debug("Sources are not one local sample tree; no sample generated");
            return;
        }
        if (SourceService.hasLocalData(root.resolve(EtlSources.SONG_DATA))
                || SourceService.hasLocalData(root.resolve(EtlSources.LOG_DATA))) {
            return;
        }
        GeneratorOptions options = GeneratorOptions.builder()
                .songs(config.sample().songs())
                .events(config.sample().events())
                .build();
        try {
            GenerationSummary summary = new SampleDataGenerator().generate(options, new DirectorySink(root));
            LOG.infof("Generated sample data in %s: %d song files, %d events over %d days; POST /etl/runs loads it",
                    root, summary.songFiles(), summary.events(), summary.days());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Sample data could not be generated in %s: %s", root, e.getMessage());
        }
    }

    /** The common folder of the three sources, when they are {@code <root>/song_data}, {@code log_data} and the JSONPaths file. */
    private Path sampleRoot() {
        SourceLocation songs = SourceLocation.parse("songData", config.source().songData());
        SourceLocation logs = SourceLocation.parse("logData", config.source().logData());
        SourceLocation paths = SourceLocation.parse("logJsonPaths", config.source().logJsonpaths());
        if (songs instanceof SourceLocation.Local s && s.path().getParent() != null
                && EtlSources.local(s.path().getParent()).equals(new EtlSources(songs, logs, paths))) {
            return s.path().getParent();
        }
        return null;
    }
}
