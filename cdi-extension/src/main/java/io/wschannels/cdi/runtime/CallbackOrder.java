package io.wschannels.cdi.runtime;

import jakarta.websocket.CloseReason;
import java.util.function.Consumer;

/**
 * Runs the callbacks of one connection one at a time. Containers promise it for their own calls;
 * this extends it to the runtime's (batches, heartbeats and shutdown act from threads of their own).
 * An end requested from inside a callback on the same thread (a close that the container completes
 * at once) is deferred until the outermost callback returns, so that {@code onClose} and
 * {@code @PreDestroy} never run in the middle of another callback.
 */
final class CallbackOrder {

    private final Consumer<CloseReason> finish;
    /** Nested entries on the owning thread. */
    private int depth;
    /** An end requested from inside a callback, run when the outermost one returns. */
    private CloseReason deferredEnd;

    /** @param finish ends the connection; runs under this object's lock, never inside a callback */
    CallbackOrder(Consumer<CloseReason> finish) {
        this.finish = finish;
    }

    /** Runs a callback, then any end it caused on this thread. */
    synchronized void run(Runnable callback) {
        depth++;
        try {
            callback.run();
        } finally {
            depth--;
            CloseReason end = depth == 0 ? deferredEnd : null;
            if (end != null) {
                deferredEnd = null;
                finish.accept(end);
            }
        }
    }

    /** Ends the connection now, or, from inside a callback, when that callback has returned. */
    synchronized void end(CloseReason reason) {
        if (depth > 0) {
            if (deferredEnd == null) {
                deferredEnd = reason;
            }
            return;
        }
        finish.accept(reason);
    }
}
