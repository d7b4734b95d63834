package com.sparkify.warehouse.run;

/**
 * An ETL run was asked for in a mode that is not one, or that this engine cannot run as configured;
 * the field at fault is {@code mode}.
 */
public class InvalidEtlModeException extends InvalidEtlRequestException {

    public InvalidEtlModeException(String message) {
        super("mode", message);
    }
}
