package io.wschannels.cdi.connection;

/**
 * Told once whether a queued message was written. A single send completes a future through it; the
 * recipients of one broadcast share one, which counts them (see the broadcast package).
 */
@FunctionalInterface
public interface Completion {

    /** @param failure why the write failed, or {@code null} when it succeeded */
    void done(Throwable failure);
}
