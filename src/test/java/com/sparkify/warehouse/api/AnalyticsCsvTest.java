package com.sparkify.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * CSV as RFC 4180 wants it: header of the JSON field names, CRLF, quoting only where needed.
 */
class AnalyticsCsvTest {

    record Row(int rank, String name, Instant at) {
    }

    @Test
    void shouldWriteHeaderOfFieldNamesThenRows() {
        String csv = Csv.write(Row.class, List.of(new Row(1, "plain", Instant.parse("2018-11-01T09:00:00Z"))));

        assertThat(csv).isEqualTo("rank,name,at\r\n1,plain,2018-11-01T09:00:00Z\r\n");
    }

    @Test
    void shouldWriteHeaderOnlyForNoRows() {
        assertThat(Csv.write(Row.class, List.of())).isEqualTo("rank,name,at\r\n");
    }

    @Test
    void shouldQuoteFieldsWithCommaQuoteOrLineBreak() {
        String csv = Csv.write(Row.class, List.of(new Row(1, "a,b", null), new Row(2, "say \"hi\"", null),
                new Row(3, "two\r\nlines", null)));

        assertThat(csv).isEqualTo("rank,name,at\r\n1,\"a,b\",\r\n2,\"say \"\"hi\"\"\",\r\n3,\"two\r\nlines\",\r\n");
    }
}
