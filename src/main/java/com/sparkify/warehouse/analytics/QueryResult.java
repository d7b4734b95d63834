package com.sparkify.warehouse.analytics;

import java.util.List;

/**
 * The rows of a query, their JSON form and a strong entity tag derived from it, as cached and served.
 */
public record QueryResult<T extends Record>(Class<T> rowType, List<T> rows, byte[] json, String etag) {

    public QueryResult {
        rows = List.copyOf(rows);
    }
}
