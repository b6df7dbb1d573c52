package io.wschannels;

/**
 * An error the client is meant to see: thrown from a message callback or a {@link Handle} method,
 * it becomes the error envelope {@code {"type":"error","message":...,"code":...}} (with the
 * message's {@code ref} when it had one) and the connection stays open. Thrown from
 * {@link Channel#onConnect()}, it refuses the client as {@link Channel#reject(String)} does.
 *
 * <pre>{@code
 * if (!games.exists(gameId)) {
 *     throw new ChannelException("Game not found", "game_not_found");
 * }
 * }</pre>
 *
 * Its message is sent to the client: keep secrets and internals out of it. For everything else,
 * throw what you like: the client is told {@code Internal server error} and the exception is
 * logged.
 */
public class ChannelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param message what the client is told
     * @param code a machine-readable code for the envelope, or {@code null} for none
     */
    public ChannelException(String message, String code) {
        super(message);
        this.code = code;
    }

    /** @return the envelope's {@code code}, or {@code null} */
    public String code() {
        return code;
    }
}
