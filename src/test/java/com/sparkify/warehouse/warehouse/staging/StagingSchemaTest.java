package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.warehouse.SqlLibrary;

/**
 * The loader's column list must match the staging DDL of both engines: names, order, types, lengths,
 * NOT NULL.
 */
class StagingSchemaTest {

    private static final Pattern COLUMN = Pattern.compile(
            "^\\s+([a-z_]+)\\s+(VARCHAR\\((\\d+)\\)|INTEGER|DOUBLE PRECISION|TIMESTAMP)( NOT NULL)?", Pattern.MULTILINE);

    private static List<StagingColumn> parse(String ddl) {
        List<StagingColumn> columns = new ArrayList<>();
        Matcher m = COLUMN.matcher(ddl);
        while (m.find()) {
            String type = m.group(2);
            StagingColumn column = type.startsWith("VARCHAR")
                    ? StagingColumn.varchar(m.group(1), Integer.parseInt(m.group(3)))
                    : StagingColumn.of(m.group(1), switch (type) {
                        case "INTEGER" -> ColumnType.INTEGER;
                        case "DOUBLE PRECISION" -> ColumnType.DOUBLE;
                        default -> ColumnType.TIMESTAMP_MILLIS;
                    });
            columns.add(m.group(4) == null ? column : column.notNullable());
        }
        return columns;
    }

    @Test
    void shouldMatchTheEventsDdlOfBothEngines() {
        assertThat(parse(new SqlLibrary("redshift").get("schema/create_staging_events")))
                .isEqualTo(StagingSchema.EVENTS);
        // DuckDB's staging tables are rebuilt each run by CREATE TABLE AS, which keeps no NOT NULL: there
        // the loader alone rejects an event without ts, so the DDL declares none.
        assertThat(parse(new SqlLibrary("duckdb").get("schema/create_staging_events"))).isEqualTo(
                StagingSchema.EVENTS.stream().map(c -> new StagingColumn(c.name(), c.type(), c.maxBytes())).toList());
        assertThat(StagingSchema.EVENTS).filteredOn(StagingColumn::notNull).extracting(StagingColumn::name)
                .containsExactly("ts");
    }

    @Test
    void shouldMatchTheSongsDdlOfBothEngines() {
        for (String engine : List.of("duckdb", "redshift")) {
            assertThat(parse(new SqlLibrary(engine).get("schema/create_staging_songs"))).as(engine)
                    .isEqualTo(StagingSchema.SONGS);
        }
    }
}
