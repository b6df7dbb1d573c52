package io.wschannels.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition on server state with a timeout, polling every millisecond. */
public final class Eventually {

    private Eventually() {}

    /** Waits up to 10 s for {@code condition}; fails with {@code what} and the last state otherwise. */
    public static void await(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not true within " + TestClient.TIMEOUT.toSeconds() + " s: " + what
                        + "; last state: " + state.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "(not shown)");
    }
}
