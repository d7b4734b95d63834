package com.sparkify.warehouse.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** The directory and S3 sinks; S3 is a recording stand-in for the client. */
class SinkTest {

    @Test
    void directorySinkCreatesParentDirectories(@TempDir Path root) throws IOException {
        DirectorySink sink = new DirectorySink(root);
        try (OutputStream out = sink.open("song_data/A/B/C/TRABC.json")) {
            out.write("{}".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(root.resolve("song_data/A/B/C/TRABC.json")).hasContent("{}");
        assertThatThrownBy(() -> sink.open("../outside.json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void s3SinkPutsEachObjectUnderThePrefix() throws IOException {
        Map<String, byte[]> bucket = new LinkedHashMap<>();
        S3Sink sink = new S3Sink(recordingClient("raw", bucket), "raw", "/sparkify/2018");

        try (OutputStream out = sink.open("log_json_path.json")) {
            out.write("{}".getBytes(StandardCharsets.US_ASCII));
        }
        // A large object spills to a temporary file and is uploaded from there.
        byte[] large = new byte[S3Sink.MEMORY_LIMIT + 1000];
        Arrays.fill(large, (byte) 'x');
        try (OutputStream out = sink.open("log_data/2018/11/2018-11-01-events.json")) {
            out.write(large, 0, 1000);
            out.write(large, 1000, large.length - 1000);
        }

        assertThat(bucket.keySet()).containsExactly(
                "sparkify/2018/log_json_path.json", "sparkify/2018/log_data/2018/11/2018-11-01-events.json");
        assertThat(bucket.get("sparkify/2018/log_json_path.json")).asString().isEqualTo("{}");
        assertThat(bucket.get("sparkify/2018/log_data/2018/11/2018-11-01-events.json")).isEqualTo(large);
        assertThat(sink.toString()).isEqualTo("s3://raw/sparkify/2018/");
    }

    @Test
    void s3PrefixIsNormalized() {
        assertThat(S3Sink.normalizePrefix(null)).isEmpty();
        assertThat(S3Sink.normalizePrefix("")).isEmpty();
        assertThat(S3Sink.normalizePrefix("/")).isEmpty();
        assertThat(S3Sink.normalizePrefix("raw")).isEqualTo("raw/");
        assertThat(S3Sink.normalizePrefix("/raw/")).isEqualTo("raw/");
    }

    @Test
    void generatorWritesTheSameObjectsToS3AsToADirectory(@TempDir Path root) throws IOException {
        GeneratorOptions options = GeneratorOptions.builder().songs(20).events(300).days(2).build();
        Map<String, byte[]> bucket = new LinkedHashMap<>();
        S3Sink s3 = new S3Sink(recordingClient("b", bucket), "b", "");
        GenerationSummary toS3 = new SampleDataGenerator().generate(options, s3);
        GenerationSummary toDisk = new SampleDataGenerator().generate(options, new DirectorySink(root));

        assertThat(toS3).isEqualTo(toDisk);
        Map<String, byte[]> files = GeneratedFiles.read(root).files;
        assertThat(bucket.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
        files.forEach((key, content) -> assertThat(bucket.get(key)).as(key).isEqualTo(content));
    }

    /** An S3Client that keeps PutObject bodies in a map; every other call fails. */
    private static S3Client recordingClient(String expectedBucket, Map<String, byte[]> objects) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putObject") && args.length == 2
                            && args[0] instanceof PutObjectRequest request && args[1] instanceof RequestBody body) {
                        assertThat(request.bucket()).isEqualTo(expectedBucket);
                        assertThat(request.contentType()).isEqualTo("application/json");
                        try (InputStream in = body.contentStreamProvider().newStream()) {
                            objects.put(request.key(), in.readAllBytes());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return PutObjectResponse.builder().build();
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
