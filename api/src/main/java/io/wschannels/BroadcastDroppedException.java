package io.wschannels;

/**
 * A broadcast that never left: the JTA transaction it was made in rolled back, so its audience is
 * not told about something that did not happen. The {@link Delivery} stage of such a broadcast
 * fails with this exception.
 *
 * <pre>{@code
 * chat.room("orders").broadcastJson(paid)          // inside a transaction that then rolls back
 *         .exceptionally(failure -> {               // failure.getCause() is this exception
 *             log.info(failure.getMessage());
 *             return null;
 *         });
 * }</pre>
 *
 * @see Audience#immediately()
 */
public class BroadcastDroppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was dropped and why */
    public BroadcastDroppedException(String message) {
        super(message);
    }
}
