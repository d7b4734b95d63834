package com.sparkify.warehouse.analytics;

/**
 * The warehouse tables were never created (or were dropped): there is nothing to query until a reset.
 */
public class WarehouseMissingException extends RuntimeException {

    public WarehouseMissingException() {
        super("the warehouse has no tables yet: POST /schema/reset first, then run an ETL", null, false, false);
    }
}
