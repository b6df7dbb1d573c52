package io.wschannels.cdi.connection;

import io.wschannels.Connection;
import io.wschannels.cdi.container.FrameWriters;
import io.wschannels.cdi.container.UndertowSessions;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Connection} of one WebSocket session: what the client asked for, its state, and its
 * ordered outbound queue ({@link Outbox}). It knows nothing of the registries that index it: when it
 * stops taking part (closed, refused, ended) it tells its {@link Departure}, once.
 */
public final class LiveConnection extends ConnectionState implements Connection, Outbox.Owner {

    private static final Logger LOG = Logger.getLogger(LiveConnection.class.getName());

    private final String id;
    private final ChannelDefinition definition;
    private final Session session;
    private final Handshake handshake;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final JsonCodec json;
    private final Departure departure;
    private final Outbox outbox;
    private final Membership membership = new Membership();
    private final ChannelMetrics metrics;
    private boolean departed;

    /**
     * @param id unique among the application's connections, safe to show
     * @param definition the channel it belongs to
     * @param session the container's session
     * @param handshake what the handshake carried
     * @param json serializes what is sent as JSON
     * @param departure told once when the connection stops taking part
     * @param metrics its channel's counters
     */
    public LiveConnection(
            String id,
            ChannelDefinition definition,
            Session session,
            Handshake handshake,
            JsonCodec json,
            Departure departure,
            ChannelMetrics metrics) {
        this.id = id;
        this.definition = definition;
        this.session = session;
        this.handshake = handshake;
        // The container keeps the session's own map for the session's life; no copy needed.
        this.pathParams = session.getPathParameters() == null ? Map.of() : session.getPathParameters();
        this.queryParams = Handshake.parseQuery(session.getQueryString());
        this.json = json;
        this.departure = departure;
        this.metrics = metrics;
        this.outbox = new Outbox(
                session,
                FrameWriters.of(session),
                UndertowSessions.ioThread(session),
                this,
                metrics,
                definition.limits().outboundQueueBytes(),
                definition.limits().overflow());
    }

    @Override
    public String id() {
        return id;
    }

    /** @return its channel's counters */
    public ChannelMetrics metrics() {
        return metrics;
    }

    @Override
    public String route() {
        return definition.route().path();
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public String queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    @Override
    public String param(String name) {
        String value = pathParams.get(name);
        return value != null ? value : queryParam(name);
    }

    @Override
    public String header(String name) {
        return handshake.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return handshake.headers();
    }

    @Override
    public URI requestUri() {
        return session.getRequestURI();
    }

    @Override
    public Principal userPrincipal() {
        Principal verified = handshake.verdict().user();
        return verified != null ? verified : session.getUserPrincipal();
    }

    @Override
    public long queuedBytes() {
        return outbox.queuedBytes();
    }

    @Override
    public CompletionStage<Void> send(String text) {
        Objects.requireNonNull(text, "text");
        return outbox.text(text);
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        return outbox.binary(data);
    }

    @Override
    public CompletionStage<Void> sendJson(Object value) {
        Objects.requireNonNull(value, "value");
        return sendSerialized(value, () -> json.toJson(value));
    }

    @Override
    public CompletionStage<Void> sendError(String message) {
        return sendError(message, null);
    }

    @Override
    public CompletionStage<Void> sendError(String message, String code) {
        Objects.requireNonNull(message, "message");
        return outbox.text(Envelopes.error(message, code, null));
    }

    @Override
    public CompletionStage<Void> sendSuccess(Object data) {
        return sendSerialized(data, () -> Envelopes.success(data == null ? null : json.toJson(data)));
    }

    private CompletionStage<Void> sendSerialized(Object value, Supplier<String> serialize) {
        String text;
        try {
            text = serialize.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Envelopes.notSerializable(value, this, e));
        }
        return outbox.text(text);
    }

    @Override
    public CompletionStage<Void> close() {
        return close(CloseReason.CloseCodes.NORMAL_CLOSURE, "");
    }

    @Override
    public CompletionStage<Void> close(CloseReason.CloseCode code, String reason) {
        Objects.requireNonNull(code, "code");
        CloseReason close = new CloseReason(code, Envelopes.fitReason(reason == null ? "" : reason));
        toClosing(close);
        depart();
        return outbox.close(close);
    }

    /**
     * Refuses the client while it connects, after what was sent so far. Unlike {@link #close}, the
     * channel's {@code onClose} will not run for it.
     *
     * @param code the close code
     * @param reason the close reason, an error envelope without timestamp
     */
    public void refuse(CloseReason.CloseCode code, String reason) {
        CloseReason refusal = new CloseReason(code, Envelopes.fitReason(reason));
        if (toRefused(refusal)) { // else closed meanwhile: that close stands
            depart();
            outbox.close(refusal);
        }
    }

    /**
     * After {@code onConnect} returned: messages are accepted from now on, unless the channel closed
     * the connection meanwhile.
     *
     * @return {@code true} if it is open now
     */
    public boolean markOpen() {
        return toOpen();
    }

    /** The overflow policy closed the connection. */
    @Override
    public void overflowed() {
        toClosing(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, Outbox.TOO_SLOW));
        depart();
    }

    /** The container reported the end of the session: nothing is sent any more. */
    public void ended() {
        toEnded();
        depart();
        outbox.terminate();
    }

    private void depart() {
        synchronized (this) {
            if (departed) {
                return;
            }
            departed = true;
        }
        departure.left(this);
    }

    /**
     * Sends a heartbeat ping, outside the queue: control frames may cut in between messages. A peer
     * that cannot be pinged will not answer either, so failures are left to the pong timeout.
     */
    public void ping() {
        try {
            // A fresh, writable buffer for each ping: Open Liberty reads the payload through
            // ByteBuffer#array(), which a shared read-only buffer refuses, and no ping would leave.
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(new byte[] {'h', 'b'}));
        } catch (IOException | RuntimeException unreachable) {
            LOG.log(Level.FINE, "Ping failed for " + this, unreachable);
        }
    }

    /**
     * A broadcast's share: already serialized, measured and (on first need) framed once for all
     * recipients. It may wait, to leave in one write with what follows it, until {@link #flush}.
     *
     * @param text the message
     * @param completion told whether it was written
     * @return {@code true} if the caller must call {@link #flush} once the broadcast is queued everywhere
     */
    public boolean queueLater(OutgoingText text, Completion completion) {
        return outbox.textLater(text, completion);
    }

    /** Writes what {@link #queueLater} left waiting; see {@link Outbox#flush}. */
    public void flush() {
        outbox.flush();
    }

    /** Writes what {@link #queueLater} left waiting, soon; see {@link Outbox#flushSoon}. */
    public void flushSoon() {
        outbox.flushSoon();
    }

    /** See {@link Outbox#closeLater}: while the container's open callback runs, a close is made from elsewhere. */
    public void closeLater(Consumer<Runnable> later) {
        outbox.closeLater(later);
    }

    /** @return this connection's rooms and user, for its channel's registry */
    public Membership membership() {
        return membership;
    }

    /** @return the channel it belongs to */
    public ChannelDefinition definition() {
        return definition;
    }

    /** @return what the handshake carried */
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public String toString() {
        return "connection " + id + " of " + definition.describe();
    }
}
