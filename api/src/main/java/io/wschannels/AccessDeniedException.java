package io.wschannels;

/**
 * The user may not do what the message asks: the client is told {@code "Access denied: " + message}
 * with the code {@code access_denied}. Thrown from {@link Channel#onConnect()}, it refuses the
 * client with {@link Connection#FORBIDDEN} (4403).
 */
public class AccessDeniedException extends ChannelException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was denied, for example {@code "only the host may start the game"}
     */
    public AccessDeniedException(String message) {
        super("Access denied: " + message, "access_denied");
    }
}
