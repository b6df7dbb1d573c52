package io.wschannels.cdi.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Whether the application is stopping, shared by all its channels: from the moment it begins, new
 * connections are refused with 1001 and the reason given, and whoever stops the application can wait
 * for the open connections to end. Also how the open connections are asked to leave: spread over a
 * drain window, so that the clients, which reconnect at once (with jitter), do not all arrive at the
 * next server in the same second.
 */
public final class Shutdown {

    /** The system property that sets the drain window, in seconds ({@code 0}: all at once). */
    public static final String DRAIN_WINDOW = "channels.drain.window";

    /** The drain window when none is configured. */
    public static final Duration DEFAULT_DRAIN_WINDOW = Duration.ofSeconds(10);

    /**
     * However long the window, a drain closes at least this many connections a second: a server with
     * a handful of clients stops at once, one with 10,000 takes the whole window.
     */
    public static final int MIN_CLOSES_PER_SECOND = 100;

    private volatile String reason;

    /**
     * @return the drain window set by {@value #DRAIN_WINDOW}, or {@link #DEFAULT_DRAIN_WINDOW}
     * @throws IllegalArgumentException if the property is not a number of seconds, 0 or more
     */
    public static Duration configuredDrainWindow() {
        String configured = System.getProperty(DRAIN_WINDOW);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_DRAIN_WINDOW;
        }
        try {
            double seconds = Double.parseDouble(configured.trim());
            if (seconds >= 0 && seconds <= 3600) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(DRAIN_WINDOW + "=" + configured
                + " is not a number of seconds from 0 to 3600; for example -D" + DRAIN_WINDOW + "=10");
    }

    /**
     * @param connections how many connections are to be closed
     * @param window the drain window
     * @return the time between two closes: the window shared among them, but never longer than
     *     {@code 1 s / }{@value #MIN_CLOSES_PER_SECOND}
     */
    public static long closeIntervalNanos(int connections, Duration window) {
        if (connections <= 1 || window.isNegative() || window.isZero()) {
            return 0;
        }
        return Math.min(window.toNanos() / connections, TimeUnit.SECONDS.toNanos(1) / MIN_CLOSES_PER_SECOND);
    }

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

    /** Waits until {@link System#nanoTime()} reaches {@code deadline}, or the thread is interrupted. */
    public static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0
                && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(left);
        }
    }
}
