package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.warehouse.SqlLibrary;

/**
 * The start-up warm-up really runs the loader: every generated song file and event goes through the
 * record paths and the appender, twice, into its own in-memory database.
 */
class LoaderWarmUpTest {

    @Test
    void shouldLoadEveryGeneratedRecordOnEachPass() throws Exception {
        long rows = new LoaderWarmUp(new SqlLibrary("duckdb"), new ObjectMapper()).run();

        // 1,000 one-song files and 20,000 events, loaded twice: a record lost or refused would show.
        assertThat(rows).isEqualTo(2 * (1_000 + 20_000));
    }
}
