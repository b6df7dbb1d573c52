package io.wschannels.cdi.tracing;

import io.wschannels.ChannelException;

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

    /**
     * What a callback threw, told to its span: a {@link ChannelException} is the channel's answer
     * ({@code rejected}), anything else a failure.
     *
     * @param span the span, or {@code null} when tracing is off
     * @param error what was thrown
     */
    static void failed(Traced span, Throwable error) {
        if (span == null) {
            return;
        }
        if (error instanceof ChannelException) {
            span.outcome("rejected");
        } else {
            span.failed(error);
        }
    }

    /** @param span the span to end, or {@code null} when tracing is off */
    static void end(Traced span) {
        if (span != null) {
            span.end();
        }
    }

    /** The span made current; closing it restores what was current before. */
    interface Entered extends AutoCloseable {
        @Override
        void close();
    }
}
