package org.chasqui.broker.http.bosh;

/**
 * Time for a {@link BoshSession}: its clock and timers, all run on the session's own event loop. In
 * production Vert.x timers on the owning context ({@link VertxScheduler}); in tests a manual clock.
 */
interface BoshScheduler {

    /** Milliseconds on a monotonic clock. */
    long now();

    /** Runs {@code task} after {@code delayMillis}; the id cancels it. */
    long schedule(long delayMillis, Runnable task);

    /** Cancels a timer; unknown or fired ids are ignored. */
    void cancel(long id);

    /** Runs {@code task} once the current task is over, so that what it writes is batched. */
    void soon(Runnable task);
}
