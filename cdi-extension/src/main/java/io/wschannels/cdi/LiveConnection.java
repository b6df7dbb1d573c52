package io.wschannels.cdi;

import io.wschannels.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The {@link Connection} of one WebSocket session. */
final class LiveConnection implements Connection {

    /** Where the connection is in its life; only moves forward. */
    enum State { CONNECTING, OPEN, REJECTED, CLOSING, ENDED }

    private static final int MAX_REASON_BYTES = 123;

    private final String id;
    private final ChannelDefinition definition;
    private final Session session;
    private final Handshake handshake;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final Json json;
    private final Outbox outbox;
    private final ChannelRegistry<?> registry;
    private final Membership membership = new Membership();
    private volatile State state = State.CONNECTING;
    private volatile CloseReason sentClose;

    LiveConnection(String id, ChannelRegistry<?> registry, Session session, Handshake handshake, Json json) {
        this.id = id;
        this.registry = registry;
        this.definition = registry.definition();
        this.session = session;
        this.handshake = handshake;
        // The container keeps the session's own map for the session's life; no copy needed.
        this.pathParams = session.getPathParameters() == null ? Map.of() : session.getPathParameters();
        this.queryParams = parseQuery(session.getQueryString());
        this.json = json;
        this.outbox = new Outbox(session, this::toString, definition.outboundQueueBytes(), definition.overflow(),
                this::overflowed);
    }

    /**
     * This connection's rooms and user, guarded by the object's own lock (see ChannelRegistry). A
     * connection is in few rooms, so a small list (created on first join) beats a hash set.
     */
    static final class Membership {
        private java.util.List<String> rooms;
        String userId;
        boolean forgotten;

        boolean addRoom(String room) {
            if (rooms == null) {
                rooms = new ArrayList<>(2);
            } else if (rooms.contains(room)) {
                return false;
            }
            return rooms.add(room);
        }

        boolean removeRoom(String room) {
            return rooms != null && rooms.remove(room);
        }

        java.util.List<String> rooms() {
            return rooms == null ? List.of() : rooms;
        }

        void clearRooms() {
            rooms = null;
        }
    }

    @Override
    public String id() {
        return id;
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

    Handshake handshake() {
        return handshake;
    }

    @Override
    public boolean isOpen() {
        State now = state;
        return now == State.CONNECTING || now == State.OPEN;
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
        String text;
        try {
            text = json.toJson(value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Could not serialize a "
                    + value.getClass().getName() + " to JSON for " + this + ": " + e.getMessage(), e));
        }
        return outbox.text(text);
    }

    @Override
    public CompletionStage<Void> sendError(String message) {
        return sendError(message, null);
    }

    @Override
    public CompletionStage<Void> sendError(String message, String code) {
        Objects.requireNonNull(message, "message");
        Handling handling = HANDLING.get();
        String ref = handling != null && handling.connection == this ? handling.ref : null;
        return outbox.text(json.error(message, code, ref));
    }

    /**
     * The message a {@code @Handle} method of this thread is handling: set by the runtime around
     * the call, so that errors and replies sent from it carry the message's {@code ref}.
     *
     * @param ref the {@code ref} as raw JSON (a string with its quotes, or a number), or {@code null}
     */
    record Handling(LiveConnection connection, String ref) {
    }

    static final ThreadLocal<Handling> HANDLING = new ThreadLocal<>();

    @Override
    public CompletionStage<Void> reply(Object data) {
        Handling handling = HANDLING.get();
        if (handling == null || handling.connection != this) {
            throw new IllegalStateException("reply(...) was called on " + this + " outside a @Handle method of its"
                    + " channel; a reply answers the message being handled. Use send or sendJson otherwise.");
        }
        String text;
        try {
            String value = json.toJson(data);
            text = handling.ref == null ? value : "{\"type\":\"reply\",\"ref\":" + handling.ref + ",\"data\":" + value
                    + "}";
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Could not serialize a "
                    + (data == null ? "null" : data.getClass().getName()) + " to JSON for " + this + ": "
                    + e.getMessage(), e));
        }
        return outbox.text(text);
    }

    @Override
    public CompletionStage<Void> sendSuccess(Object data) {
        String text;
        try {
            text = json.success(data);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Could not serialize a "
                    + data.getClass().getName() + " to JSON for " + this + ": " + e.getMessage(), e));
        }
        return outbox.text(text);
    }

    /** See {@link Outbox#closeLater}: while the container's open callback runs, a close is made from elsewhere. */
    void closeLater(java.util.function.Consumer<Runnable> later) {
        outbox.closeLater(later);
    }

    @Override
    public CompletionStage<Void> close() {
        return close(CloseReason.CloseCodes.NORMAL_CLOSURE, "");
    }

    @Override
    public CompletionStage<Void> close(CloseReason.CloseCode code, String reason) {
        Objects.requireNonNull(code, "code");
        CloseReason close = new CloseReason(code, shorten(reason == null ? "" : reason));
        synchronized (this) {
            if (state == State.CONNECTING || state == State.OPEN) {
                state = State.CLOSING;
                sentClose = close;
            }
        }
        registry.forget(this);
        return outbox.close(close);
    }

    @Override
    public void reject(String reason) {
        reject(CloseReason.CloseCodes.VIOLATED_POLICY, reason);
    }

    @Override
    public void reject(CloseReason.CloseCode code, String reason) {
        Objects.requireNonNull(code, "code");
        synchronized (this) {
            if (state != State.CONNECTING) {
                throw new IllegalStateException("reject(\"" + reason + "\") was called on " + this + " after onConnect"
                        + " returned; a connection can only be rejected from Channel#onConnect. To end an established"
                        + " connection call close(code, reason).");
            }
            state = State.REJECTED;
            sentClose = new CloseReason(code, Json.refusal(reason, null));
        }
        registry.forget(this);
        outbox.close(sentClose);
    }

    /** After onConnect returned: accept messages unless the channel rejected or closed meanwhile. */
    boolean markOpen() {
        synchronized (this) {
            if (state != State.CONNECTING) {
                return false;
            }
            state = State.OPEN;
        }
        registry.opened(this);
        return true;
    }

    /** The overflow policy closed the connection. */
    private void overflowed() {
        synchronized (this) {
            if (state == State.CONNECTING || state == State.OPEN) {
                state = State.CLOSING;
                sentClose = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Too slow: outbound queue full");
            }
        }
        registry.forget(this);
    }

    /** A broadcast's share: already serialized and measured once for all recipients. */
    void queue(String text, int bytes, Outbox.Completion completion) {
        outbox.text(text, bytes, completion);
    }

    Membership membership() {
        return membership;
    }

    /** The close this side sent first, or {@code null} if the peer or the network ended it. */
    CloseReason sentClose() {
        return sentClose;
    }

    boolean isRejected() {
        return state == State.REJECTED;
    }

    /** Incoming messages are delivered only while open; after close() or reject() they are dropped. */
    boolean acceptsMessages() {
        return state == State.OPEN;
    }

    /** The container reported the end of the session. */
    void ended() {
        state = State.ENDED;
        registry.forget(this);
        outbox.terminate();
    }

    Session session() {
        return session;
    }

    ChannelDefinition definition() {
        return definition;
    }

    @Override
    public String toString() {
        return "connection " + id + " of " + definition.describe();
    }

    /** Close reasons are limited to 123 bytes of UTF-8; cut at a character boundary. */
    static String shorten(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
            if (end > 0 && Character.isLowSurrogate(reason.charAt(end))) {
                end--;
            }
        }
        return reason.substring(0, end);
    }

    static Map<String, List<String>> parseQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a stray '%' is kept as written rather than refusing the connection
        }
    }
}
