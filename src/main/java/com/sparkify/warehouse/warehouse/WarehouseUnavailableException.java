package com.sparkify.warehouse.warehouse;

import java.sql.SQLTransientConnectionException;

/**
 * The engine cannot answer for now: it is being reopened after a fatal error, or could not be. The API
 * answers 503 with the reason; a retry a few seconds later usually succeeds.
 */
public class WarehouseUnavailableException extends SQLTransientConnectionException {

    /** The SQLState the API recognises as this exception's (PostgreSQL's "cannot connect now"). */
    public static final String SQL_STATE = "57P03";

    public WarehouseUnavailableException(String reason, Throwable cause) {
        super(reason, SQL_STATE, cause);
    }
}
