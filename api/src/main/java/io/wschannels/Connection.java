package io.wschannels;

import jakarta.websocket.CloseReason;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One open WebSocket connection to a {@link Channel}: what the client asked for (route, path and
 * query parameters, handshake headers) and the ways to answer it.
 *
 * <h2>Sending</h2>
 * Every {@code send*} method and {@link #close} is non-blocking and safe to call from any thread.
 * Messages to one connection leave in the order they were sent, and a {@code close} is queued
 * behind the messages sent before it, so {@code sendError(...)} followed by {@code close(...)}
 * delivers the error first. Each call returns a {@link CompletionStage} that completes when the
 * container has written the message, or completes exceptionally when it could not (the connection
 * was already closed, the peer went away, the value could not be serialized). A send on a closed
 * connection never throws: its stage fails with an {@link IllegalStateException} that names the
 * connection.
 *
 * <h2>Envelopes</h2>
 * {@link #sendError(String)} and {@link #sendSuccess(Object)} write the two envelopes every
 * client of this library understands:
 * <pre>{"type":"error","message":"Message too long","code":"too_long","timestamp":"2026-11-29T17:38:00.000Z"}
 *{"type":"success","data":{...},"timestamp":"2026-11-29T17:38:00.000Z"}</pre>
 * Timestamps are RFC 3339 in UTC with milliseconds. {@code code} is left out when not given.
 *
 * <h2>Identity</h2>
 * Two {@code Connection} objects are equal only if they are the same connection. Prefer the
 * channel's {@link Registry} to sets of your own: it forgets a connection by itself when it ends.
 */
public interface Connection {

    /**
     * A random identifier, unique among all connections of this application, stable for the
     * connection's life. Safe to show to clients and to write to logs.
     *
     * @return the connection id
     */
    String id();

    /**
     * The route of the channel this connection belongs to, in the Jakarta form, for example
     * {@code /chat/{room_id}} even when declared as {@code /chat/:room_id}.
     *
     * @return the channel's route template
     */
    String route();

    /**
     * The value of a path parameter of the route.
     *
     * @param name the parameter name as written in the route, without braces or colon
     * @return the decoded value, or {@code null} if the route has no such parameter
     */
    String pathParam(String name);

    /**
     * The first value of a query parameter of the handshake request.
     *
     * @param name the query parameter name
     * @return the decoded value, or {@code null} if absent
     */
    String queryParam(String name);

    /**
     * Every query parameter of the handshake request with all its values.
     *
     * @return an unmodifiable map, empty if there was no query string
     */
    Map<String, List<String>> queryParams();

    /**
     * A parameter as Azu's {@code params} reads it: the path parameter of that name if the route
     * has one, otherwise the first value of the query parameter.
     *
     * @param name the parameter name
     * @return the value, or {@code null} if neither the path nor the query has it
     */
    String param(String name);

    /**
     * The first value of a handshake request header, looked up case-insensitively. The headers
     * that only negotiate the upgrade ({@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version}, {@code Sec-WebSocket-Extensions})
     * are not kept; every other header is, {@code Sec-WebSocket-Protocol} included.
     *
     * @param name the header name, for example {@code Authorization}
     * @return the value, or {@code null} if the request had no such header
     */
    String header(String name);

    /**
     * All handshake request headers. Lookups in the returned map are case-insensitive.
     *
     * @return an unmodifiable map of header names to values
     */
    Map<String, List<String>> headers();

    /**
     * The URI the client connected to, including the query string.
     *
     * @return the request URI
     */
    URI requestUri();

    /**
     * The connection's user: on an {@link Authenticated} channel the one its token or the server
     * authenticated; elsewhere the user the server authenticated for the handshake request, if any.
     *
     * @return the principal, or {@code null} when the request was not authenticated
     */
    Principal userPrincipal();

    /**
     * Whether messages can still be sent: {@code false} once {@link #close} was called, the client
     * was refused, or the peer closed or went away.
     *
     * @return {@code true} while the connection accepts messages
     */
    boolean isOpen();

    /**
     * How many bytes wait in this connection's outbound queue, not counting the message being
     * written. It grows when the peer reads more slowly than the application sends; past the
     * channel's {@link Limits#outboundQueueBytes()} the channel's {@link Limits#overflow()} policy
     * applies.
     *
     * @return queued bytes (UTF-8 for text)
     */
    long queuedBytes();

    /**
     * Sends a text message.
     *
     * @param text the message; not {@code null}
     * @return completes when written, fails if the connection is closed or the write failed
     */
    CompletionStage<Void> send(String text);

    /**
     * Sends a binary message. The buffer is read from its position to its limit and must not be
     * changed until the returned stage completes.
     *
     * @param data the bytes to send; not {@code null}
     * @return completes when written, fails if the connection is closed or the write failed
     */
    CompletionStage<Void> sendBinary(ByteBuffer data);

    /**
     * Serializes a value with JSON Binding and sends it as a text message. Records, beans, maps
     * and lists all work. Serialization failures fail the returned stage and send nothing.
     *
     * @param value the value to serialize; not {@code null}
     * @return completes when written, fails if serialization or sending failed
     */
    CompletionStage<Void> sendJson(Object value);

    /**
     * Sends the error envelope {@code {"type":"error","message":...,"timestamp":...}}. To answer a
     * {@link Handle} request with an error that carries its {@code ref}, throw a
     * {@link ChannelException} instead.
     *
     * @param message the text shown to the client; not {@code null}
     * @return completes when written
     */
    CompletionStage<Void> sendError(String message);

    /**
     * Sends the error envelope with a machine-readable {@code code}.
     *
     * @param message the text shown to the client; not {@code null}
     * @param code a stable code clients can branch on, or {@code null} to leave it out
     * @return completes when written
     */
    CompletionStage<Void> sendError(String message, String code);

    /**
     * Sends the success envelope {@code {"type":"success","data":...,"timestamp":...}}, with
     * {@code data} serialized by JSON Binding.
     *
     * @param data the payload, or {@code null} to leave {@code data} out
     * @return completes when written
     */
    CompletionStage<Void> sendSuccess(Object data);

    /**
     * Closes the connection normally (1000), after the messages already sent.
     *
     * @return completes when the close frame was handed to the container
     */
    CompletionStage<Void> close();

    /**
     * Closes the connection with a code and a reason, after the messages already sent. Reasons
     * longer than the protocol's 123 bytes are shortened. Closing twice is harmless: the second
     * call completes at once and changes nothing.
     *
     * @param code the close code, for example {@link CloseReason.CloseCodes#NORMAL_CLOSURE}
     * @param reason a short text for the client; may be empty
     * @return completes when the close frame was handed to the container
     */
    CompletionStage<Void> close(CloseReason.CloseCode code, String reason);

    /**
     * 4401: the client did not authenticate, or its token was refused. Sent by the runtime to
     * browsers refused by an {@link Authenticated} channel; clients should not reconnect with the
     * same credentials.
     */
    CloseReason.CloseCode UNAUTHORIZED = CloseReason.CloseCodes.getCloseCode(4401);

    /**
     * 4403: the client is known but not allowed here; what a client refused with
     * {@link AccessDeniedException} from {@link Channel#onConnect()} gets. Clients should not
     * reconnect.
     */
    CloseReason.CloseCode FORBIDDEN = CloseReason.CloseCodes.getCloseCode(4403);
}
