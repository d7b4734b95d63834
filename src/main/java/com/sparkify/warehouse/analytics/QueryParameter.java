package com.sparkify.warehouse.analytics;

import java.sql.Types;
import java.util.Locale;

/**
 * The named parameters an analytics SQL resource may use, how each is taken from the filter and its
 * JDBC type (needed to bind a typed NULL).
 */
enum QueryParameter {

    /** First instant of the {@code from} day, or NULL. */
    FROM_TS(Types.TIMESTAMP) {
        @Override
        Object value(AnalyticsFilter filter) {
            return filter.from() == null ? null : filter.from().atStartOfDay();
        }
    },
    /** First instant after the {@code to} day (exclusive bound), or NULL. */
    BEFORE_TS(Types.TIMESTAMP) {
        @Override
        Object value(AnalyticsFilter filter) {
            return filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay();
        }
    },
    /** {@code free}, {@code paid} or NULL. */
    LEVEL(Types.VARCHAR) {
        @Override
        Object value(AnalyticsFilter filter) {
            return filter.level();
        }
    },
    /** Highest rank returned. */
    LIMIT(Types.INTEGER) {
        @Override
        Object value(AnalyticsFilter filter) {
            return filter.limit();
        }
    };

    private final int sqlType;

    QueryParameter(int sqlType) {
        this.sqlType = sqlType;
    }

    abstract Object value(AnalyticsFilter filter);

    int sqlType() {
        return sqlType;
    }

    /** The parameter written {@code :name} in SQL. */
    static QueryParameter named(String name) {
        for (QueryParameter p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown SQL parameter :" + name);
    }
}
