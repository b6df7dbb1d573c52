package io.wschannels;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A channel: the server side of one WebSocket connection on a {@link Route}. Extend it, annotate
 * the class with {@code @Route}, override the callbacks you need; every callback has a no-op
 * default except {@link #onBinary}, which refuses binary data.
 *
 * <pre>{@code
 * @Route("/echo/{name}")
 * public class EchoChannel extends Channel {
 *     @Override
 *     public void onConnect() {
 *         send("hello " + param("name"));
 *     }
 *
 *     @Override
 *     public void onMessage(String message) {
 *         send(message);
 *     }
 * }
 * }</pre>
 *
 * <h2>Instances and lifecycle</h2>
 * Each connection gets its own instance, created by CDI ({@code @Inject} fields and constructors,
 * {@code @PostConstruct} work; the instance is {@code @Dependent}). The callbacks run in this order:
 * {@link #onConnect()} once; then any number of {@link #onMessage}, {@link #onBinary},
 * {@link #onPong} and {@link #onError}; then {@link #onClose} once, whichever side closed and also
 * when the peer vanished without a close frame (code 1006). After {@code onClose} the instance is
 * destroyed: {@code @PreDestroy} runs and its dependent beans are released. A client refused from
 * {@code onConnect} (it threw a {@link ChannelException}) gets no further callback, not even
 * {@code onClose}.
 *
 * <h2>Threading</h2>
 * Callbacks run on the container's I/O threads, one at a time per connection, so fields of a
 * channel need no locking. State shared between connections (rooms, counters) must be
 * thread-safe. Do not block in a callback: sending never blocks (see {@link Connection}).
 *
 * <h2>Typed messages</h2>
 * Instead of parsing JSON in {@code onMessage}, a channel can declare one {@link Handle} method per
 * message {@code type}; the runtime decodes, validates and dispatches, answers requests that carry a
 * {@code ref}, and reports malformed messages to the client.
 *
 * <h2>Refusing a client, and errors</h2>
 * To refuse a client, throw a {@link ChannelException} from {@code onConnect} (an
 * {@link AccessDeniedException} for 4403): it is closed with the exception's close code and its
 * message as the error envelope, after anything already sent, and no other callback runs. A
 * {@code ChannelException} thrown from the other callbacks answers with the error envelope and the
 * connection stays open; any other exception is logged with the route and connection id, and the
 * client is told {@code Internal server error} (1011 from {@code onConnect}) and never the
 * exception's text. The manual ({@code io.wschannels}) has the whole table.
 *
 * <h2>Pings</h2>
 * There is no {@code onPing}: the Jakarta WebSocket API does not hand incoming pings to
 * applications, and neither Tyrus (GlassFish, Payara, the standalone server) nor Undertow
 * (WildFly) offers another way; containers answer pings with pongs themselves.
 */
public abstract class Channel {

    @Inject
    private Connection connection;

    /** For subclasses. Instances are created by the runtime, one per connection. */
    protected Channel() {}

    /**
     * Called once when a client has connected, before any message is delivered. Send a welcome,
     * join rooms, or refuse the client by throwing a {@link ChannelException}:
     *
     * <pre>{@code
     * if (user == null) {
     *     throw new ChannelException("Unauthorized");   // close 1008, {"type":"error","message":"Unauthorized"}
     * }
     * }</pre>
     */
    public void onConnect() {}

    /**
     * Called for each complete text message from the client.
     *
     * @param message the message text
     */
    public void onMessage(String message) {}

    /**
     * Called with the text messages of a {@link Batched} channel, in arrival order, instead of
     * {@link #onMessage(String)}.
     *
     * @param messages at least one, at most {@link Batched#maxMessages()}
     */
    public void onBatch(List<String> messages) {}

    /**
     * Called for each complete binary message. The default closes the connection with 1003
     * (cannot accept) and the reason {@code "This channel accepts text messages only"}; override it
     * to accept binary data.
     *
     * @param data the message bytes, readable from position to limit, valid only during the call
     */
    public void onBinary(ByteBuffer data) {
        connection().close(CloseReason.CloseCodes.CANNOT_ACCEPT, "This channel accepts text messages only");
    }

    /**
     * Called when the client answers a ping with a pong.
     *
     * @param applicationData the pong's payload, valid only during the call
     */
    public void onPong(ByteBuffer applicationData) {}

    /**
     * Called once when the connection has ended, however it ended. By then the connection has
     * left every room, its user and its presence in the registries (counts read here exclude it),
     * and sending to it is no longer possible; tell the others, release what the instance holds.
     *
     * @param code the close code, {@code 1006} (closed abnormally) when the peer vanished
     * @param reason the close reason, possibly empty, never {@code null}
     */
    public void onClose(CloseReason.CloseCode code, String reason) {}

    /**
     * Called when the container reports a transport or protocol error on the connection, for
     * example a peer that reset the TCP connection. {@link #onClose} still follows. Exceptions
     * thrown by this channel's own callbacks are not passed here; see the class documentation.
     *
     * @param error what went wrong
     */
    public void onError(Throwable error) {}

    /**
     * The connection this channel instance serves.
     *
     * @return the connection
     * @throws IllegalStateException if this instance was not created by the runtime for a
     *         connection (for example with {@code new} in a unit test)
     */
    protected Connection connection() {
        if (connection == null) {
            throw new IllegalStateException(getClass().getName() + " is not attached to a connection: channel instances"
                    + " are created by the runtime, one per WebSocket connection. Do not create channels with new"
                    + " or inject them into other beans.");
        }
        return connection;
    }

    /**
     * Shorthand for {@code connection().param(name)}: the path parameter, else the query parameter.
     *
     * @param name the parameter name
     * @return the value, or {@code null}
     */
    protected String param(String name) {
        return connection().param(name);
    }

    /**
     * Shorthand for {@code connection().send(text)}.
     *
     * @param text the message
     * @return completes when written
     */
    protected CompletionStage<Void> send(String text) {
        return connection().send(text);
    }

    /**
     * Shorthand for {@code connection().sendJson(value)}.
     *
     * @param value serialized with JSON Binding
     * @return completes when written
     */
    protected CompletionStage<Void> sendJson(Object value) {
        return connection().sendJson(value);
    }

    /**
     * Shorthand for {@code connection().sendError(message)}: the error envelope.
     *
     * @param message the text shown to the client
     * @return completes when written
     */
    protected CompletionStage<Void> sendError(String message) {
        return connection().sendError(message);
    }

    /**
     * Shorthand for {@code connection().sendError(message, code)}: the error envelope with a code.
     *
     * @param message the text shown to the client
     * @param code a machine-readable code, or {@code null}
     * @return completes when written
     */
    protected CompletionStage<Void> sendError(String message, String code) {
        return connection().sendError(message, code);
    }

    /**
     * Shorthand for {@code connection().sendSuccess(data)}: the success envelope.
     *
     * @param data the payload
     * @return completes when written
     */
    protected CompletionStage<Void> sendSuccess(Object data) {
        return connection().sendSuccess(data);
    }

    /**
     * Shorthand for {@code connection().close(code, reason)}.
     *
     * @param code the close code
     * @param reason the reason shown to the client
     * @return completes when the close frame was handed to the container
     */
    protected CompletionStage<Void> close(CloseReason.CloseCode code, String reason) {
        return connection().close(code, reason);
    }
}
