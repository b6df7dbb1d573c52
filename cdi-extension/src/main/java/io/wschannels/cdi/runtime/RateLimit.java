package io.wschannels.cdi.runtime;

/**
 * The token bucket of one connection's incoming messages. Not thread-safe: used only from the
 * connection's callbacks, which never overlap.
 */
final class RateLimit {

    /** What to do with a message. */
    enum Verdict {
        DELIVER,
        REFUSE,
        CLOSE
    }

    private final double perNano;
    private final int burst;
    private double tokens;
    private long refilledAt;
    private int refusedInARow;

    RateLimit(int messagesPerSecond, int burst, long now) {
        this.perNano = messagesPerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes a token for a message arriving at {@code now} (nanoseconds, monotonic). */
    Verdict take(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            refusedInARow = 0;
            return Verdict.DELIVER;
        }
        return ++refusedInARow >= burst ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
