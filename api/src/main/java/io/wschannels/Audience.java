package io.wschannels;

import java.util.concurrent.CompletionStage;

/**
 * Who a broadcast goes to: a room, several rooms, a user, several users or everyone of a channel
 * (see {@link Registry}), optionally minus one connection or one user. Audiences are immutable
 * values: {@code except} returns a new one. Recipients are resolved when {@code broadcast} is called.
 */
public interface Audience {

    /** The same audience without this connection (typically the sender). */
    Audience except(Connection connection);

    /** The same audience without every connection of this user. */
    Audience exceptUser(String userId);

    /**
     * Sends a text message to every connection of the audience. Never blocks: the message is
     * queued on each recipient's ordered outbound queue.
     *
     * @param text the message, sent as is
     * @return completes when every recipient's write has finished or failed
     */
    CompletionStage<Delivery> broadcast(String text);

    /**
     * Serializes {@code value} with JSON Binding once, and sends the result to every connection of
     * the audience like {@link #broadcast(String)}.
     *
     * @param value the message to serialize
     * @return completes when every recipient's write has finished or failed; fails at once if the
     *         value cannot be serialized
     */
    CompletionStage<Delivery> broadcastJson(Object value);
}
