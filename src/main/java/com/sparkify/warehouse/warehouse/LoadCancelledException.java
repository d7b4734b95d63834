package com.sparkify.warehouse.warehouse;

/**
 * Thrown at a safe point of warehouse work whose caller asked it to stop; nothing the work began is
 * committed.
 */
public class LoadCancelledException extends RuntimeException {

    public LoadCancelledException() {
        super("cancelled on request", null, false, false);
    }
}
