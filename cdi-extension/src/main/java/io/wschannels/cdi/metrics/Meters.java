package io.wschannels.cdi.metrics;

/**
 * The events a channel's metrics count, one method each, told by the runtime where each is decided.
 * {@link ChannelMetrics} counts them for the standalone server and for readings; the meters of a
 * server's own metrics facility implement it too, and are told by it.
 */
public interface Meters {

    /** Meters that count nothing. */
    Meters NONE = new Meters() {};

    /** A client was let in: {@code onConnect} returned. */
    default void opened() {}

    /** @param why a client was refused */
    default void refused(ChannelMetrics.Refusal why) {}

    /** @param code a connection that had been opened ended with this close code */
    default void closed(int code) {}

    /** @param bytes a message arrived from a client, of this many bytes (UTF-8 for text) */
    default void received(int bytes) {}

    /** @param bytes a message was queued for a client, of this many bytes */
    default void sent(int bytes) {}

    /**
     * A broadcast reached this server's recipients.
     *
     * @param count how many connections it was queued to
     * @param nanos from the start of its delivery on this server until every write finished
     */
    default void delivered(int count, long nanos) {}

    /** A connection whose outbound queue overflowed was closed (1008). */
    default void slowConsumerClosed() {}

    /** A message over the channel's rate was refused. */
    default void rateLimited() {}

    /** A peer that answered no ping within the pong timeout was ended. */
    default void heartbeatTimedOut() {}

    /** A channel callback threw something that was not a {@code ChannelException}. */
    default void callbackFailed() {}

    /** @param nanos one callback (a message, a connect, a close) took this long */
    default void callback(long nanos) {}
}
