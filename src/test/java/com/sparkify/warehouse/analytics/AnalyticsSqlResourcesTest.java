package com.sparkify.warehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.sparkify.warehouse.warehouse.SqlLibrary;

/**
 * Every analytics query has one statement per engine that parses into named parameters and keeps to
 * SQL both DuckDB and Redshift run (Redshift has no FILTER clause, no isodow, and runs
 * generate_series only on the leader node).
 */
class AnalyticsSqlResourcesTest {

    static final List<AnalyticsQuery<?>> QUERIES = AnalyticsQuery.ALL;

    @ParameterizedTest
    @FieldSource("QUERIES")
    void shouldParseForBothEngines(AnalyticsQuery<?> query) {
        for (String engine : new String[] { "duckdb", "redshift" }) {
            NamedSql sql = NamedSql.parse(new SqlLibrary(engine).get(query.resource()));
            assertThat(sql.sql()).doesNotContain(";");
            assertThat(sql.parameters()).contains(QueryParameter.FROM_TS, QueryParameter.BEFORE_TS);
        }
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void shouldAvoidDialectSpecificSql(AnalyticsQuery<?> query) {
        String sql = NamedSql.parse(new SqlLibrary("redshift").get(query.resource())).sql().toLowerCase(Locale.ROOT);
        assertThat(sql).doesNotContain("filter (", "filter(", "generate_series", "isodow", "::", " limit ", "ilike",
                "qualify");
    }
}
