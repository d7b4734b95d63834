package com.sparkify.warehouse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Parsing of source URIs: S3, file URIs and plain paths.
 */
class SourceLocationTest {

    @Test
    void shouldParseAnS3BucketAndPrefix() {
        assertThat(SourceLocation.parse("songData", "s3://udacity-dend/song_data"))
                .isEqualTo(new SourceLocation.S3("udacity-dend", "song_data"));
        assertThat(SourceLocation.parse("songData", "s3://udacity-dend"))
                .isEqualTo(new SourceLocation.S3("udacity-dend", ""));
    }

    @Test
    void shouldParseFileUrisAndRelativePathsAsAbsoluteLocalPaths() {
        assertThat(SourceLocation.parse("logData", "file:///tmp/a/../b"))
                .isEqualTo(new SourceLocation.Local(Path.of("/tmp/b")));
        assertThat(SourceLocation.parse("logData", "data/x"))
                .isEqualTo(new SourceLocation.Local(Path.of("data/x").toAbsolutePath()));
    }

    @Test
    void shouldRejectAnInvalidBucketName() {
        assertThatThrownBy(() -> SourceLocation.parse("songData", "s3://Bad_Bucket/x"))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessage("songData 's3://Bad_Bucket/x': 'Bad_Bucket' is not a valid S3 bucket name");
    }

    @Test
    void shouldRejectAnUnsupportedScheme() {
        assertThatThrownBy(() -> SourceLocation.parse("logData", "https://example.com/x"))
                .hasMessage("logData 'https://example.com/x': unsupported scheme 'https': use s3://, file:// or a local path");
    }

    @Test
    void shouldRejectARemoteFileUri() {
        assertThatThrownBy(() -> SourceLocation.parse("logData", "file://host/x"))
                .hasMessageEndingWith("file URIs must be local (file:///path)");
    }

    @Test
    void shouldRejectAnEmptyValue() {
        assertThatThrownBy(() -> SourceLocation.parse("logData", " "))
                .isInstanceOf(InvalidSourceException.class)
                .extracting(e -> ((InvalidSourceException) e).field()).isEqualTo("logData");
    }
}
