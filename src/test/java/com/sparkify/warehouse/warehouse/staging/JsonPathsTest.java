package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parsing of Redshift JSONPaths expressions and files.
 */
class JsonPathsTest {

    @Test
    void shouldParseBracketDotAndIndexForms() {
        assertThat(JsonPaths.parse("$['artist']")).containsExactly("artist");
        assertThat(JsonPaths.parse("$[\"user\"]['name']")).containsExactly("user", "name");
        assertThat(JsonPaths.parse("$.a.b[2]")).containsExactly("a", "b", 2);
    }

    @Test
    void shouldRejectExpressionsCopyDoesNotSupport() {
        assertThatThrownBy(() -> JsonPaths.parse("artist")).hasMessage("JSONPath must start with '$': artist");
        assertThatThrownBy(() -> JsonPaths.parse("$.a[*]")).hasMessage("unsupported JSONPath element [*] in $.a[*]");
        assertThatThrownBy(() -> JsonPaths.parse("$")).hasMessage("JSONPath names no field: $");
    }

    @Test
    void shouldRejectAFileWithoutAJsonpathsArray() {
        byte[] doc = "{\"paths\": []}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonPaths.read(new ByteArrayInputStream(doc), new ObjectMapper()))
                .hasMessage("expected an object with a non-empty \"jsonpaths\" array");
    }

    @Test
    void shouldKnowWhenEveryPathIsTopLevel() {
        assertThat(new JsonPaths(List.of(List.of("a"), List.of("b"))).allTopLevel()).isTrue();
        assertThat(new JsonPaths(List.of(List.of("a", "b"))).allTopLevel()).isFalse();
    }
}
