package io.wschannels;

import java.util.concurrent.CompletionStage;

/**
 * Who a broadcast goes to: a room, several rooms, a user, several users or everyone of a channel
 * (see {@link Registry}), optionally minus one connection or one user. Audiences are immutable
 * values: {@code except} returns a new one. Recipients are resolved when the broadcast leaves.
 *
 * <h2>Transactions</h2>
 * A broadcast made while a JTA transaction is active on the calling thread (a container-managed
 * EJB method, a {@code @Transactional} bean, between {@code UserTransaction.begin} and
 * {@code commit}) leaves when that transaction commits, and not at all if it rolls back: clients are
 * never told about something that did not happen, and a client that reacts by reading the database
 * finds what the transaction wrote. The broadcasts of one transaction leave in the order they were
 * made. The message is taken (and {@code broadcastJson} serializes it) when {@code broadcast} is
 * called; recipients are resolved when it leaves. Its {@link Delivery} completes after it has
 * left, so do not wait for it inside the transaction; when the transaction rolls back the stage
 * fails with {@link BroadcastDroppedException}. Without a transaction (and on the standalone
 * server, which has no JTA) a broadcast leaves at once. {@link #immediately()} sends at once in
 * any case.
 */
public interface Audience {

    /** The same audience without this connection (typically the sender). */
    Audience except(Connection connection);

    /** The same audience without every connection of this user. */
    Audience exceptUser(String userId);

    /**
     * The same audience, outside any transaction: its broadcasts leave at once even when made inside
     * a JTA transaction, and are sent whether it commits or not. For what is true regardless of the
     * transaction's outcome, such as progress ("saving…") or typing notices.
     *
     * <pre>{@code
     * chat.room(room).immediately().broadcastJson(Map.of("type", "saving"));
     * }</pre>
     */
    Audience immediately();

    /**
     * Sends a text message to every connection of the audience. Never blocks: the message is
     * queued on each recipient's ordered outbound queue.
     *
     * @param text the message, sent as is
     * @return completes when every recipient's write has finished or failed; inside a transaction,
     *         fails with {@link BroadcastDroppedException} if it rolls back
     */
    CompletionStage<Delivery> broadcast(String text);

    /**
     * Serializes {@code value} with JSON Binding once, and sends the result to every connection of
     * the audience like {@link #broadcast(String)}.
     *
     * @param value the message to serialize
     * @return completes when every recipient's write has finished or failed; fails at once if the
     *         value cannot be serialized; inside a transaction, fails with
     *         {@link BroadcastDroppedException} if it rolls back
     */
    CompletionStage<Delivery> broadcastJson(Object value);
}
