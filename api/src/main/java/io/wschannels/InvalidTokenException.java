package io.wschannels;

/**
 * A token a {@link TokenVerifier} does not accept. The message is what the refused client is told,
 * for example {@code "Invalid token"} or {@code "Token expired"}; keep details for the log.
 */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what the client is told
     */
    public InvalidTokenException(String message) {
        super(message);
    }

    /**
     * @param message what the client is told
     * @param cause what the verifier found, for the log only
     */
    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
