package io.wschannels;

import jakarta.websocket.CloseReason;

/**
 * An error the client is meant to see. Thrown from a message callback or a {@link Handle} method
 * (or failing the stage one returned), it becomes the error envelope
 * {@code {"type":"error","message":...,"code":...}}, with the message's {@code ref} when it had one,
 * and the connection stays open. Thrown from {@link Channel#onConnect()}, it refuses the client: the
 * connection is closed with {@link #closeCode()} and the same envelope, without timestamp, as
 * reason, and no further callback runs. The manual ({@code io.wschannels}) has the whole table.
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
     * An error without a code.
     *
     * @param message what the client is told
     */
    public ChannelException(String message) {
        this(message, null);
    }

    /**
     * An error with a machine-readable code.
     *
     * @param message what the client is told
     * @param code a machine-readable code for the envelope, or {@code null} for none
     */
    public ChannelException(String message, String code) {
        super(message);
        this.code = code;
    }

    /**
     * The envelope's {@code code}.
     *
     * @return the code, or {@code null}
     */
    public String code() {
        return code;
    }

    /**
     * The close code a client refused with this exception from {@link Channel#onConnect()} gets:
     * 1008 (policy violation). Subclasses choose another, as {@link AccessDeniedException} does
     * (4403); codes 4000 to 4999 are the application's.
     *
     * @return the close code of a refusal
     */
    public CloseReason.CloseCode closeCode() {
        return CloseReason.CloseCodes.VIOLATED_POLICY;
    }
}
