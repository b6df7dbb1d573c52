package io.wschannels.cdi.runtime;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the application is stopping, shared by all its channels: from the moment it begins, new
 * connections are refused with 1001 and the reason given, and whoever stops the application can wait
 * for the open connections to end.
 */
public final class Shutdown {

    private volatile String reason;

    /** @param why the close reason new connections are refused with, for example {@code "Server shutting down"} */
    public void begin(String why) {
        reason = why;
    }

    /** @return why new connections are refused, or {@code null} while the application runs */
    public String reason() {
        return reason;
    }

    /** A connection has ended: whoever waits in {@link #await} looks again. */
    synchronized void connectionEnded() {
        notifyAll();
    }

    /**
     * Waits until {@code done} holds, looking again whenever a connection ends.
     *
     * @param done what to wait for
     * @param deadline {@link System#nanoTime()} to give up at
     * @return whether it holds
     */
    public synchronized boolean await(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
