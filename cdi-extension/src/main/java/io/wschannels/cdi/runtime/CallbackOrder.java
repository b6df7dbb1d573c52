package io.wschannels.cdi.runtime;

import jakarta.websocket.CloseReason;

/**
 * Runs the callbacks of one connection one at a time. Containers promise it for their own calls;
 * this extends it to the runtime's (batches, heartbeats and shutdown act from threads of their own).
 * An end requested from inside a callback on the same thread (a close that the container completes
 * at once) is deferred until the outermost callback returns, so that {@code onClose} and
 * {@code @PreDestroy} never run in the middle of another callback.
 *
 * <p>Extended rather than held by the connection's {@link Callbacks}: one object and no lambda per
 * connection, as every connection has one.
 */
abstract class CallbackOrder {

    /** Nested entries on the owning thread. */
    private int depth;
    /** An end requested from inside a callback, run when the outermost one returns. */
    private CloseReason deferredEnd;

    /** Ends the connection; runs under this object's lock, never inside a callback. */
    abstract void finish(CloseReason reason);

    /** Runs a callback, then any end it caused on this thread. */
    final synchronized void run(Runnable callback) {
        depth++;
        try {
            callback.run();
        } finally {
            depth--;
            CloseReason end = depth == 0 ? deferredEnd : null;
            if (end != null) {
                deferredEnd = null;
                finish(end);
            }
        }
    }

    /**
     * Ends the connection once, whoever calls first: the container, a heartbeat, or shutdown. From
     * inside a callback on the same thread it waits until that callback has returned.
     *
     * @param reason how it ended, as the container or the caller saw it
     */
    public final synchronized void end(CloseReason reason) {
        if (depth > 0) {
            if (deferredEnd == null) {
                deferredEnd = reason;
            }
            return;
        }
        finish(reason);
    }
}
