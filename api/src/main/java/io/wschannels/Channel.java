package io.wschannels;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
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
 * destroyed: {@code @PreDestroy} runs and its dependent beans are released. A connection refused
 * with {@link #reject(String)} gets no callback after {@code onConnect}, not even {@code onClose}.
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
 * <h2>Errors</h2>
 * A {@link ChannelException} (or {@link InvalidMessageException}, {@link AccessDeniedException})
 * thrown by {@code onMessage}, {@code onBinary}, {@code onBatch} or a {@link Handle} method becomes
 * the error envelope with its message and code. Any other exception is logged with the route and
 * connection id, the client receives the error envelope with the message
 * {@code Internal server error} (never the exception's text); either way the connection stays
 * open. From {@code onConnect}, a {@code ChannelException} refuses the client with its message
 * (4403 for {@code AccessDeniedException}, else 1008); any other exception closes the connection
 * with 1011 and the reason {@code Internal server error}. An exception from {@code onClose} or
 * {@code onError} is logged.
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
    protected Channel() {
    }

    /**
     * Called once when a client has connected, before any message is delivered. Send a welcome,
     * join rooms, or refuse the client with {@link #reject(String)}.
     */
    public void onConnect() {
    }

    /**
     * Called for each complete text message from the client.
     *
     * @param message the message text
     */
    public void onMessage(String message) {
    }

    /**
     * Called with the text messages of a {@link Batched} channel, in arrival order, instead of
     * {@link #onMessage(String)}.
     *
     * @param messages at least one, at most {@link Batched#maxMessages()}
     */
    public void onBatch(java.util.List<String> messages) {
    }

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
    public void onPong(ByteBuffer applicationData) {
    }

    /**
     * Called once when the connection has ended, however it ended. Remove the connection from
     * rooms and registries here. Sending is no longer possible.
     *
     * @param code the close code, {@code 1006} (closed abnormally) when the peer vanished
     * @param reason the close reason, possibly empty, never {@code null}
     */
    public void onClose(CloseReason.CloseCode code, String reason) {
    }

    /**
     * Called when the container reports a transport or protocol error on the connection, for
     * example a peer that reset the TCP connection. {@link #onClose} still follows. Exceptions
     * thrown by this channel's own callbacks are not passed here; see the class documentation.
     *
     * @param error what went wrong
     */
    public void onError(Throwable error) {
    }

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
     * Shorthand for {@code connection().reply(data)}: answers the message being handled by a
     * {@link Handle} method, with its {@code ref}.
     *
     * @param data the answer, serialized with JSON Binding
     * @return completes when written
     */
    protected CompletionStage<Void> reply(Object data) {
        return connection().reply(data);
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

    /**
     * Shorthand for {@code connection().reject(reason)}: refuses this client from
     * {@link #onConnect()}; it is closed with 1008 and the reason as an error envelope, and no
     * further callback runs.
     *
     * @param reason why, shown to the client
     */
    protected void reject(String reason) {
        connection().reject(reason);
    }

    /**
     * Shorthand for {@code connection().reject(code, reason)}: refuses this client from
     * {@link #onConnect()} with a close code of the application's choice, for example
     * {@link Connection#FORBIDDEN}.
     *
     * @param code the close code
     * @param reason why, shown to the client
     */
    protected void reject(CloseReason.CloseCode code, String reason) {
        connection().reject(code, reason);
    }
}
