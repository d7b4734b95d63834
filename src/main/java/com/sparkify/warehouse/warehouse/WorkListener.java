package com.sparkify.warehouse.warehouse;

/**
 * What warehouse work (a reset, a transform, a load) reports while it runs, and how it learns that it
 * should stop. The caller owns it: the job framework adapts it to its jobs, so the engines never see
 * one.
 */
public interface WorkListener {

    /** Starts a named step, e.g. {@code stage_events}; the work ends it with {@link Step#succeed(Long)}. */
    Step step(String name);

    /** A fact worth showing with the work, e.g. which reader staged a table. */
    void detail(String key, String value);

    /** The work reached a point worth saving, e.g. the end of a step. */
    void checkpoint();

    /** Whether the caller asked the work to stop; long loops test it and stop at their next safe point. */
    boolean isCancelRequested();

    /** Throws {@link LoadCancelledException} when the caller asked the work to stop. */
    default void checkCancelled() {
        if (isCancelRequested()) {
            throw new LoadCancelledException();
        }
    }

    /**
     * Registers what to do when the caller asks the work to stop while a long call runs (e.g.
     * {@code Statement::cancel}); close the returned handle when the call is over.
     */
    Registration onCancel(Runnable hook);

    /** A step the work has started. */
    interface Step {
        /** Ends the step successfully with the rows it wrote, or null where it counts none. */
        void succeed(Long rows);
    }

    /** Undoes an {@link #onCancel(Runnable)} registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
