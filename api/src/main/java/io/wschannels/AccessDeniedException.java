package io.wschannels;

import jakarta.websocket.CloseReason;

/**
 * The user may not do what the message asks, or may not use what the route names: the client is
 * told {@code "Access denied"} (or {@code "Access denied: " + what}) with the code
 * {@code access_denied}. Thrown from {@link Channel#onConnect()}, it refuses the client with
 * {@link Connection#FORBIDDEN} (4403), which clients take as final.
 */
public class AccessDeniedException extends ChannelException {

    private static final long serialVersionUID = 1L;

    /** The client is told {@code "Access denied"}. */
    public AccessDeniedException() {
        super("Access denied", "access_denied");
    }

    /**
     * The client is told {@code "Access denied: " + what}.
     *
     * @param what what was denied, for example {@code "only the host may start the game"}
     */
    public AccessDeniedException(String what) {
        super("Access denied: " + what, "access_denied");
    }

    /** @return {@link Connection#FORBIDDEN} (4403) */
    @Override
    public CloseReason.CloseCode closeCode() {
        return Connection.FORBIDDEN;
    }
}
