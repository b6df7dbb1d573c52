package io.wschannels.cdi.tracing;

/** One started span of the runtime's: a handshake's, or a handled message's. Ended once. */
public interface Traced {

    /**
     * @return the span of one message of this connection, a child of this handshake's span,
     *     started now
     */
    Traced message();

    /** @param type the handled message's {@code type}, once known */
    void type(String type);

    /** @param outcome how it ended, in a word: {@code admitted}, a refusal's reason, {@code ok}, ... */
    void outcome(String outcome);

    /** @param error what a callback threw: recorded, and the span's status is an error */
    void failed(Throwable error);

    /**
     * Makes the span the current one of this thread, so that spans the callback makes (a REST client
     * call, the application's own) belong to it.
     *
     * @return closes it again
     */
    Entered enter();

    /** Ends the span. */
    void end();

    /** The span made current; closing it restores what was current before. */
    interface Entered extends AutoCloseable {
        @Override
        void close();
    }
}
