package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The run's sources: S3 song and log prefixes become folders (COPY loads every key starting with the
 * prefix), the JSONPaths location stays one object, and a JSONPaths file under the log folder is seen.
 */
class EtlSourcesTest {

    private static SourceLocation.S3 s3(String prefix) {
        return new SourceLocation.S3("udacity-dend", prefix);
    }

    @Test
    void shouldEndSongAndLogPrefixesWithASlashButKeepTheJsonPathsKey() {
        EtlSources sources = new EtlSources(s3("song_data"), s3("log_data/"), s3("log_json_path.json"));

        assertThat(sources.songData()).isEqualTo(s3("song_data/"));
        assertThat(sources.logData()).isEqualTo(s3("log_data/"));
        assertThat(sources.logJsonPaths()).isEqualTo(s3("log_json_path.json"));
        // The bucket root stays the bucket root, local paths stay as they are.
        assertThat(EtlSources.folder(s3(""))).isEqualTo(s3(""));
        SourceLocation local = new SourceLocation.Local(Path.of("/data/song_data"));
        assertThat(EtlSources.folder(local)).isSameAs(local);
    }

    @Test
    void shouldSeeAJsonPathsFileUnderTheLogFolder() {
        assertThat(new EtlSources(s3("song_data"), s3("log_data"), s3("log_data/paths.json")).jsonPathsUnderLogs())
                .isTrue();
        assertThat(new EtlSources(s3("song_data"), s3(""), s3("log_json_path.json")).jsonPathsUnderLogs()).isTrue();
        // log_json_path.json starts with "log_" but not with the folder "log_data/".
        assertThat(new EtlSources(s3("song_data"), s3("log_data"), s3("log_json_path.json")).jsonPathsUnderLogs())
                .isFalse();
        assertThat(new EtlSources(s3("song_data"), s3("log_data"),
                new SourceLocation.S3("other-bucket", "log_data/paths.json")).jsonPathsUnderLogs()).isFalse();
        assertThat(new EtlSources(new SourceLocation.Local(Path.of("/d/song_data")),
                new SourceLocation.Local(Path.of("/d/log_data")),
                new SourceLocation.Local(Path.of("/d/log_data/paths.json"))).jsonPathsUnderLogs()).isTrue();
        assertThat(new EtlSources(new SourceLocation.Local(Path.of("/d/song_data")),
                new SourceLocation.Local(Path.of("/d/log_data")),
                new SourceLocation.Local(Path.of("/d/log_data_paths.json"))).jsonPathsUnderLogs()).isFalse();
    }
}
