package com.sparkify.warehouse.warehouse.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.warehouse.SqlLibrary;

/**
 * The loader's column list must match the staging DDL of both engines: names, order, types, lengths.
 */
class StagingSchemaTest {

    private static final Pattern COLUMN = Pattern.compile(
            "^\\s+([a-z_]+)\\s+(VARCHAR\\((\\d+)\\)|INTEGER|DOUBLE PRECISION|TIMESTAMP)", Pattern.MULTILINE);

    private static List<StagingColumn> parse(String ddl) {
        List<StagingColumn> columns = new ArrayList<>();
        Matcher m = COLUMN.matcher(ddl);
        while (m.find()) {
            String type = m.group(2);
            columns.add(type.startsWith("VARCHAR") ? StagingColumn.varchar(m.group(1), Integer.parseInt(m.group(3)))
                    : StagingColumn.of(m.group(1), switch (type) {
                        case "INTEGER" -> ColumnType.INTEGER;
                        case "DOUBLE PRECISION" -> ColumnType.DOUBLE;
                        default -> ColumnType.TIMESTAMP_MILLIS;
                    }));
        }
        return columns;
    }

    @Test
    void shouldMatchTheEventsDdlOfBothEngines() {
        for (String engine : List.of("duckdb", "redshift")) {
            assertThat(parse(new SqlLibrary(engine).get("schema/create_staging_events"))).as(engine)
                    .isEqualTo(StagingSchema.EVENTS);
        }
    }

    @Test
    void shouldMatchTheSongsDdlOfBothEngines() {
        for (String engine : List.of("duckdb", "redshift")) {
            assertThat(parse(new SqlLibrary(engine).get("schema/create_staging_songs"))).as(engine)
                    .isEqualTo(StagingSchema.SONGS);
        }
    }
}
