package com.sparkify.warehouse.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * SQL resources: per-engine overrides, placeholders, and safe literals.
 */
class SqlLibraryTest {

    @Test
    void shouldPreferTheEngineOverride() {
        assertThat(new SqlLibrary("redshift").get("schema/create_songplays")).contains("DISTKEY (start_time)");
        assertThat(new SqlLibrary("duckdb").get("schema/create_songplays")).doesNotContain("DISTKEY");
        assertThat(new SqlLibrary("redshift").hasOverride("schema/create_songplays")).isTrue();
        assertThat(new SqlLibrary("redshift").hasOverride("schema/drop_table")).isFalse();
    }

    @Test
    void shouldFillPlaceholdersAndDropTheTrailingSemicolon() {
        assertThat(new SqlLibrary("duckdb").render("schema/drop_table", Map.of("table", "users")))
                .isEqualTo("DROP TABLE IF EXISTS users");
    }

    @Test
    void shouldRefuseAMissingPlaceholderValue() {
        assertThatThrownBy(() -> new SqlLibrary("duckdb").render("schema/drop_table", Map.of()))
                .hasMessage("SQL schema/drop_table needs a value for {{table}}");
    }

    @Test
    void shouldRefuseAnUnknownStatement() {
        assertThatThrownBy(() -> new SqlLibrary("duckdb").get("schema/nope"))
                .hasMessage("no SQL resource named schema/nope");
    }

    @Test
    void shouldQuoteLiteralsAndRefuseBackslashes() {
        assertThat(SqlLibrary.literal("s3://bucket/it's")).isEqualTo("'s3://bucket/it''s'");
        assertThatThrownBy(() -> SqlLibrary.literal("s3://bucket/a\\b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLibrary.literal("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOnlyAcceptPlainIdentifiers() {
        assertThat(SqlLibrary.identifier("staging_events")).isEqualTo("staging_events");
        assertThatThrownBy(() -> SqlLibrary.identifier("users; DROP TABLE x")).isInstanceOf(IllegalArgumentException.class);
    }
}
