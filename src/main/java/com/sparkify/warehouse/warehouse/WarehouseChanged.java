package com.sparkify.warehouse.warehouse;

/**
 * CDI event fired after a job committed new warehouse contents (a reset or an ETL run), so caches of
 * query results can be dropped.
 */
public record WarehouseChanged(String jobId) {
}
