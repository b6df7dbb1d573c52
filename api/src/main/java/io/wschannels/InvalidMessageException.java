package io.wschannels;

/**
 * The message is well-formed but not acceptable: the client is told
 * {@code "Validation failed: " + what} with the code {@code validation_failed}, as Bean Validation
 * violations are reported.
 */
public class InvalidMessageException extends ChannelException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what what is wrong, for example {@code "move e2-e5 is not allowed"}
     */
    public InvalidMessageException(String what) {
        super("Validation failed: " + what, "validation_failed");
    }
}
