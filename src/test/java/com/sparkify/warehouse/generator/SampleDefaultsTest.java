package com.sparkify.warehouse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.config.SparkifyConfig;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The dev-mode sample and {@code generate} without options write the same data set, so the README's
 * figures for one hold for the other.
 */
@QuarkusTest
class SampleDefaultsTest {

    @Inject
    SparkifyConfig config;

    @Test
    void shouldGenerateTheSampleWithTheCommandsDefaults() {
        GeneratorOptions sample = GeneratorOptions.builder()
                .songs(config.sample().songs())
                .events(config.sample().events())
                .build();

        assertThat(sample).isEqualTo(GeneratorOptions.defaults());
    }
}
