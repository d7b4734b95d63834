package com.sparkify.warehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Named parameters become positional markers without touching quoted text, casts or comments.
 */
class NamedSqlTest {

    @Test
    void shouldReplaceEachNameWithMarkerInOrderOfUse() {
        NamedSql sql = NamedSql.parse("SELECT 1 WHERE (:level IS NULL OR level = :level) AND rnk <= :limit");

        assertThat(sql.sql()).isEqualTo("SELECT 1 WHERE (? IS NULL OR level = ?) AND rnk <= ?");
        assertThat(sql.parameters()).containsExactly(QueryParameter.LEVEL, QueryParameter.LEVEL,
                QueryParameter.LIMIT);
    }

    @Test
    void shouldLeaveQuotedTextAndCastsAlone() {
        NamedSql sql = NamedSql.parse("SELECT ':level', 'it''s :limit', \"a:b\", x::int FROM t WHERE y = :from_ts");

        assertThat(sql.sql()).isEqualTo("SELECT ':level', 'it''s :limit', \"a:b\", x::int FROM t WHERE y = ?");
        assertThat(sql.parameters()).containsExactly(QueryParameter.FROM_TS);
    }

    @Test
    void shouldDropComments() {
        NamedSql sql = NamedSql.parse("-- uses :level, isn't it?\nSELECT /* :limit ? */ :before_ts");

        assertThat(sql.sql()).isEqualTo("SELECT   ?");
        assertThat(sql.parameters()).isEqualTo(List.of(QueryParameter.BEFORE_TS));
    }

    @Test
    void shouldRefuseBareQuestionMark() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT * FROM t WHERE level = ?"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named parameters");
    }

    @Test
    void shouldRefuseUnknownName() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT * FROM t WHERE level = :tier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":tier");
    }

    @Test
    void shouldRefuseUnterminatedQuote() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT 'abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    }
}
