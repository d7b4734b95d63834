package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.source.SourceObject;

/** A file counts as checked only while its size, version and the fields it was read by are those of the accepted scan. */
class CheckedFilesTest {

    private static final List<String> FIELDS = List.of("artist", "ts");
    private static final SourceObject DAY_1 = new SourceObject("log_data/d1.json", 1200, "2026-12-01T00:00:00Z");
    private static final SourceObject DAY_2 = new SourceObject("log_data/d2.json", 900, "2026-12-02T00:00:00Z");

    @Test
    void shouldAnswerTheRecordsOfAnUnchangedFileOfTheLastAcceptedScan() {
        CheckedFiles files = new CheckedFiles();
        assertThat(files.records(FIELDS, "/d/d1.json", DAY_1)).isEqualTo(-1);

        files.accepted(FIELDS, List.of("/d/d1.json", "/d/d2.json"), List.of(DAY_1, DAY_2), new long[] { 7, 3 });

        assertThat(files.records(FIELDS, "/d/d1.json", DAY_1)).isEqualTo(7);
        assertThat(files.records(FIELDS, "/d/d2.json", DAY_2)).isEqualTo(3);
    }

    @Test
    void shouldCheckAgainAFileThatChangedOrWasReadByOtherFields() {
        CheckedFiles files = new CheckedFiles();
        files.accepted(FIELDS, List.of("/d/d1.json"), List.of(DAY_1), new long[] { 7 });

        assertThat(files.records(FIELDS, "/d/d1.json", new SourceObject(DAY_1.key(), 1201, DAY_1.version()))).isEqualTo(-1);
        assertThat(files.records(FIELDS, "/d/d1.json", new SourceObject(DAY_1.key(), 1200, "2026-12-03T00:00:00Z")))
                .isEqualTo(-1);
        assertThat(files.records(FIELDS, "/d/d1.json", new SourceObject(DAY_1.key(), 1200))).isEqualTo(-1);
        assertThat(files.records(List.of("artist", "length"), "/d/d1.json", DAY_1)).isEqualTo(-1);
        assertThat(files.records(FIELDS, "/elsewhere/d1.json", DAY_1)).isEqualTo(-1);
    }

    @Test
    void shouldKeepOnlyTheLastAcceptedScanAndForgetEverythingAfterADecline() {
        CheckedFiles files = new CheckedFiles();
        files.accepted(FIELDS, List.of("/d/d1.json"), List.of(DAY_1), new long[] { 7 });
        files.accepted(FIELDS, List.of("/d/d2.json"), List.of(DAY_2), new long[] { 3 });

        assertThat(files.records(FIELDS, "/d/d1.json", DAY_1)).isEqualTo(-1);
        assertThat(files.records(FIELDS, "/d/d2.json", DAY_2)).isEqualTo(3);

        files.forget();

        assertThat(files.records(FIELDS, "/d/d2.json", DAY_2)).isEqualTo(-1);
    }
}
