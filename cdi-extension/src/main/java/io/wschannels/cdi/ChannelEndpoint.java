package io.wschannels.cdi;

import io.wschannels.Channel;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSR-356 endpoint behind every channel: one instance per connection, created by
 * {@link ChannelConfigurator}. It creates the CDI channel instance, maps the container's callbacks
 * onto the channel's, keeps user exceptions away from the container, and destroys the instance when
 * the connection ends.
 *
 * <p>Public with a public constructor only because servlet containers scan for concrete
 * {@link Endpoint} classes: Tyrus (Payara, GlassFish) creates no WebSocket container at all for a
 * web application in which its scan finds no endpoint class, and this class is what it finds when
 * an application has nothing but channels. Not an API.
 */
public final class ChannelEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(ChannelEndpoint.class.getName());
    private static final String INTERNAL_ERROR = "Internal server error";
    private static final String RATE_LIMITED = "Rate limit exceeded";
    /**
     * The browser client's heartbeat (channels.js): answered with itself by the runtime, never
     * delivered to the channel, so a page can tell a live connection from a dead one.
     */
    static final String HEARTBEAT_MESSAGE = "{\"type\":\"channels:heartbeat\"}";

    /**
     * How long a close made in the open callback waits, so that the container has finished the
     * upgrade (see Outbox#closeLater). Measured on Payara Micro 6: closing at once from onOpen
     * broke another client's connection about once in 400 refusals; 20 ms later, none in 1,600.
     */
    private static final long CLOSE_AFTER_OPEN_MILLIS = 20;

    private final ChannelDefinition definition;
    private final ChannelDeployment deployment;
    /** Set once, under this object's monitor; read without it to skip late errors. */
    private volatile boolean ended;
    /*
     * Callbacks of one connection never overlap: containers promise it for their own calls, and
     * this object's monitor extends it to the runtime's (shutdown ends connections from its own
     * thread). depth counts nested entries on the owning thread.
     */
    private int depth;
    /** An end requested from inside a callback on the same thread, run when that callback returns. */
    private CloseReason deferredEnd;
    private LiveConnection connection;
    private Bean<Channel> bean;
    private CreationalContext<Channel> creation;
    private Channel channel;
    private volatile boolean connected;
    private boolean admitted;
    private RateLimit rateLimit;
    /** When the peer last showed it is alive (a pong or a message), System.nanoTime(). */
    private volatile long lastSeen = System.nanoTime();
    /** The pending batch of a {@code @Batched} channel, and its timer; guarded by batchLock. */
    private final Object batchLock = new Object();
    private java.util.ArrayDeque<Pending> pending;
    private java.util.concurrent.ScheduledFuture<?> batchTimer;
    private boolean flushQueued;
    /** When the peer last sent a message (pongs do not count), System.nanoTime(); for the idle timeout. */
    private volatile long lastMessage = lastSeen;
    private static final ByteBuffer HEARTBEAT = ByteBuffer.wrap(new byte[] {'h', 'b'}).asReadOnlyBuffer();

    /** Never used to serve connections; exists for the container's class scanning (see above). */
    public ChannelEndpoint() {
        this(null, null);
    }

    ChannelEndpoint(ChannelDefinition definition, ChannelDeployment deployment) {
        this.definition = definition;
        this.deployment = deployment;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (deployment == null) {
            throw new IllegalStateException(getClass().getName() + " serves only endpoints registered by the channel"
                    + " runtime; do not register it yourself");
        }
        inCallback(() -> open(session));
        if (connection != null) {
            connection.closeLater(null);
        }
    }

    private void open(Session session) {
        // Containers buffer messages of any size unless told otherwise. Where they honour these
        // settings they refuse larger messages themselves; text() and binary() check the rest
        // (Tyrus applies them only to messages that arrive in fragments).
        session.setMaxTextMessageBufferSize(definition.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(definition.maxMessageBytes());
        // Taken out again: the session keeps its user properties for its whole life.
        Object handshake = session.getUserProperties().remove(Handshake.KEY);
        Object provided = session.getUserProperties().remove(ChannelDeployment.INSTANCE);
        connection = new LiveConnection(deployment.nextId(), deployment.registry(definition.type()), session,
                handshake instanceof Handshake h ? h : Handshake.NONE, deployment.json());
        // A close made now (a refusal, a rejection) leaves from another thread shortly after this
        // callback has returned: see Outbox#closeLater.
        connection.closeLater(this::closeAfterOpen);
        deployment.opened(this);
        String stopping = deployment.shutdownReason();
        if (stopping != null) {
            // Arrived while the application stops: CDI may already be gone, so no channel is created.
            connection.close(CloseReason.CloseCodes.GOING_AWAY, stopping);
            return;
        }
        Gate.Verdict verdict = connection.handshake().verdict();
        if (verdict.refused()) {
            // Nothing is created for a refused client: no channel, no registry entry, no count.
            LOG.log(verdict.status() == 500 ? Level.WARNING : Level.INFO, () -> verdict.describe(definition)
                    + " (connection " + connection.id() + ")");
            connection.close(verdict.closeCode(), verdict.reason());
            return;
        }
        ChannelRegistry<?> registry = deployment.registry(definition.type());
        if (!registry.admit()) {
            LOG.log(registry.warnAboutRefusal() ? Level.WARNING : Level.FINE, () -> definition.describe() + " refused a connection: it already serves "
                    + definition.maxConnections() + " connections, its limit. Raise it with @Limits(maxConnections = ...)"
                    + " on " + definition.type().getName() + " if the server can take more.");
            connection.close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too many connections: this channel serves at most "
                    + definition.maxConnections());
            return;
        }
        admitted = true;
        if (verdict.user() != null && !registry.identify(connection, verdict.user().getName())) {
            // Over @Limits(maxConnectionsPerUser): identify closed it with 1013 and the reason.
            LOG.fine(() -> definition.describe() + " refused " + connection + ": user " + verdict.user().getName()
                    + " has " + definition.maxConnectionsPerUser() + " connections already");
            return;
        }
        try {
            if (provided instanceof Channel made) {
                // Made with new by the caller (the test kit without CDI): attach it, nothing to destroy.
                attach(made, connection);
                channel = made;
            } else {
                // The channel is @Dependent: create and destroy it through its Bean, with a creational
                // context of its own that releases its dependents when the connection ends.
                bean = deployment.bean(definition.type());
                creation = deployment.beanManager().createCreationalContext(bean);
                channel = ConnectionProducer.opening(connection, () -> bean.create(creation));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not create " + definition.type().getName() + " for " + connection
                    + "; the client is closed with 1011. Fix the channel's injection points or @PostConstruct.", e);
            connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, INTERNAL_ERROR);
            return;
        }
        try {
            channel.onConnect();
        } catch (io.wschannels.ChannelException refused) {
            // Meant for the client: refuse it with the message, as reject() does.
            LOG.fine(() -> definition.type().getSimpleName() + " refused " + connection + ": " + refused.getMessage());
            if (connection.isOpen()) {
                connection.reject(refused instanceof io.wschannels.AccessDeniedException
                        ? io.wschannels.Connection.FORBIDDEN : CloseReason.CloseCodes.VIOLATED_POLICY, refused.getMessage());
            }
            return;
        } catch (RuntimeException | Error e) {
            rethrowFatal(e);
            LOG.log(Level.SEVERE, definition.type().getName() + "#onConnect failed for " + connection
                    + "; the client is closed with 1011 and the reason \"" + INTERNAL_ERROR + "\"", e);
            connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, INTERNAL_ERROR);
            return;
        }
        if (connection.isRejected()) {
            LOG.fine(() -> definition.type().getSimpleName() + " rejected " + connection);
            return;
        }
        connected = true;
        connection.markOpen();
        try {
            if (definition.batched()) {
                // Not under the monitor: appending must not wait for a batch being processed.
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::batch);
            } else {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> inCallback(() -> text(m)));
            }
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) m -> inCallback(() -> binary(m)));
            session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) m -> inCallback(() -> pong(m)));
        } catch (IllegalStateException closedMeanwhile) {
            // The peer went away during onConnect; the container's onClose ends the connection.
            LOG.log(Level.FINE, "Could not listen to " + connection + ", closed during onConnect", closedMeanwhile);
        }
    }

    private void closeAfterOpen(Runnable close) {
        try {
            deployment.threads().scheduler().schedule(close, CLOSE_AFTER_OPEN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            close.run(); // the application stops and its threads with it: close here and now
        }
    }

    /** Runs a callback under the connection's monitor, then any end it caused on this thread. */
    private synchronized void inCallback(Runnable callback) {
        depth++;
        try {
            callback.run();
        } finally {
            depth--;
            CloseReason end = depth == 0 ? deferredEnd : null;
            if (end != null) {
                deferredEnd = null;
                finish(end);
            }
        }
    }

    private void text(String message) {
        if (!admitText(message)) {
            return;
        }
        if (!definition.handlers().isEmpty()) {
            dispatch(message);
            return;
        }
        try {
            channel.onMessage(message);
        } catch (RuntimeException | Error e) {
            callbackFailed("onMessage", e);
        }
    }

    /**
     * What every text message goes through first: the peer is alive; over the size limit it ends
     * the connection, over the rate it is refused, and the browser client's heartbeat is answered
     * in kind. {@code true} when the message is for the channel.
     */
    private boolean admitText(String message) {
        lastSeen = System.nanoTime();
        lastMessage = lastSeen;
        if (oversized(message)) {
            tooBig();
            return false;
        }
        if (!connection.acceptsMessages() || !withinRate()) {
            return false;
        }
        if (HEARTBEAT_MESSAGE.equals(message)) {
            connection.send(HEARTBEAT_MESSAGE);
            return false;
        }
        return true;
    }

    /** Over the channel's size limit? A char is 1 to 3 UTF-8 bytes: measured only when the length cannot decide. */
    private boolean oversized(String message) {
        return message.length() > definition.maxMessageBytes()
                || (message.length() * 3L > definition.maxMessageBytes()
                        && Utf8.length(message) > definition.maxMessageBytes());
    }

    /**
     * A text message to a {@code @Batched} channel, on the container's thread and outside the
     * monitor: checked, then appended to the pending batch, which a runtime thread delivers when
     * it is full or its first message has waited long enough.
     */
    private void batch(String message) {
        if (!admitText(message)) {
            return;
        }
        try {
            synchronized (batchLock) {
                if (pending == null) {
                    pending = new java.util.ArrayDeque<>(definition.batchMessages());
                }
                pending.add(new Pending(message, System.nanoTime()));
                if (pending.size() >= definition.batchMessages() && !flushQueued) {
                    flushQueued = true;
                    deployment.threads().scheduler().execute(() -> inCallback(() -> deliverPending(false)));
                }
                if (batchTimer == null) {
                    scheduleBatchTimer(TimeUnit.MILLISECONDS.toNanos(definition.batchDelayMillis()));
                }
            }
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The application is stopping: ending the connection delivers what is pending.
            LOG.log(Level.FINE, "Batch for " + connection + " left to the end of the connection", stopping);
        }
    }

    /** A message waiting for its batch, and when it arrived. */
    private record Pending(String text, long arrived) {
    }

    /** Under batchLock. */
    private void scheduleBatchTimer(long delayNanos) {
        batchTimer = deployment.threads().scheduler().schedule(() -> inCallback(() -> {
            synchronized (batchLock) {
                batchTimer = null;
            }
            deliverPending(false);
        }), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Under the monitor: delivers, in arrival order, every batch that is due: full ones, and a
     * partial one whose first message has waited the channel's delay; with {@code everything}
     * (the connection is ending), all that is pending.
     */
    private void deliverPending(boolean everything) {
        long delay = TimeUnit.MILLISECONDS.toNanos(definition.batchDelayMillis());
        while (true) {
            java.util.List<String> batch;
            synchronized (batchLock) {
                flushQueued = false;
                boolean due = pending != null && !pending.isEmpty() && (everything
                        || pending.size() >= definition.batchMessages()
                        || System.nanoTime() - pending.peekFirst().arrived() >= delay);
                if (!due) {
                    if (everything) {
                        cancelBatchTimer();
                    } else if (pending != null && !pending.isEmpty() && batchTimer == null) {
                        scheduleBatchTimer(pending.peekFirst().arrived() + delay - System.nanoTime());
                    }
                    return;
                }
                int size = Math.min(definition.batchMessages(), pending.size());
                batch = new java.util.ArrayList<>(size);
                for (int k = 0; k < size; k++) {
                    batch.add(pending.pollFirst().text());
                }
            }
            if (channel == null) {
                return;
            }
            try {
                channel.onBatch(java.util.Collections.unmodifiableList(batch));
            } catch (RuntimeException | Error e) {
                callbackFailed("onBatch", e);
            }
        }
    }

    /** Under batchLock. */
    private void cancelBatchTimer() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
    }

    /** A message to a channel with {@code @Handle} methods: decoded, validated, dispatched, answered. */
    private void dispatch(String message) {
        jakarta.json.JsonObject object;
        try {
            jakarta.json.JsonValue value = deployment.json().parse(message);
            if (!(value instanceof jakarta.json.JsonObject o)) {
                connection.sendError("Invalid JSON format", "invalid_json");
                return;
            }
            object = o;
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            connection.sendError("Invalid JSON format", "invalid_json");
            return;
        }
        jakarta.json.JsonValue ref = object.get("ref");
        String rawRef = ref instanceof jakarta.json.JsonString || ref instanceof jakarta.json.JsonNumber
                ? ref.toString() : null;
        LiveConnection.HANDLING.set(new LiveConnection.Handling(connection, rawRef));
        try {
            jakarta.json.JsonValue typeValue = object.get("type");
            String type = typeValue instanceof jakarta.json.JsonString t ? t.getString() : null;
            Handlers.Handler handler = type == null ? null : definition.handlers().get(type);
            if (handler == null) {
                connection.sendError("Unknown message type: " + (type == null ? "(none: the message has no \"type\")"
                        : type), "unknown_type");
                return;
            }
            Object[] arguments = {};
            if (handler.parameter() != null) {
                Object decoded;
                try {
                    decoded = deployment.json().fromJson(message, handler.parameter());
                } catch (RuntimeException e) {
                    connection.sendError("Invalid message format: " + Json.describe(e), "invalid_format");
                    return;
                }
                if (decoded == null) {
                    connection.sendError("Invalid message format: the message is empty", "invalid_format");
                    return;
                }
                String violations = deployment.validation().violations(decoded);
                if (violations != null) {
                    connection.sendError("Validation failed: " + violations, "validation_failed");
                    return;
                }
                arguments = new Object[] {decoded};
            }
            Object result;
            try {
                result = handler.method().invoke(channel, arguments);
            } catch (java.lang.reflect.InvocationTargetException e) {
                callbackFailed(handler.method().getName() + " (@Handle(\"" + type + "\"))", e.getCause());
                return;
            } catch (IllegalAccessException e) {
                callbackFailed(handler.method().getName(), e);
                return;
            }
            if (result != null) {
                connection.reply(result);
            }
        } finally {
            LiveConnection.HANDLING.remove();
        }
    }

    private void binary(ByteBuffer data) {
        lastSeen = System.nanoTime();
        lastMessage = lastSeen;
        if (data.remaining() > definition.maxMessageBytes()) {
            tooBig();
            return;
        }
        if (connection.acceptsMessages() && withinRate()) {
            try {
                channel.onBinary(data);
            } catch (RuntimeException | Error e) {
                callbackFailed("onBinary", e);
            }
        }
    }

    private void pong(PongMessage pong) {
        lastSeen = System.nanoTime();
        if (connection.acceptsMessages()) {
            try {
                channel.onPong(pong.getApplicationData());
            } catch (RuntimeException | Error e) {
                callbackFailed("onPong", e);
            }
        }
    }

    /** Over the channel's {@code @Limits(messagesPerSecond)}: refused with the error envelope, then closed. */
    private boolean withinRate() {
        if (definition.messagesPerSecond() == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (rateLimit == null) {
            // Created on the first message: idle connections carry no bucket.
            rateLimit = new RateLimit(definition.messagesPerSecond(), definition.messageBurst(), now);
        }
        switch (rateLimit.take(now)) {
            case DELIVER -> {
                return true;
            }
            case REFUSE -> connection.sendError(RATE_LIMITED, "rate_limited");
            case CLOSE -> {
                LOG.fine(() -> "Closing " + connection + ": it kept sending over " + definition.messagesPerSecond()
                        + " messages per second");
                connection.sendError(RATE_LIMITED, "rate_limited");
                connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, RATE_LIMITED);
            }
            default -> throw new AssertionError();
        }
        return false;
    }

    /** Over the channel's {@code @Limits(maxMessageBytes)}: never delivered, the connection ends with 1009. */
    private void tooBig() {
        LOG.fine(() -> "Closing " + connection + ": a message exceeded " + definition.maxMessageBytes() + " bytes");
        connection.close(CloseReason.CloseCodes.TOO_BIG, "Message too big: the limit is " + definition.maxMessageBytes()
                + " bytes");
    }

    private void callbackFailed(String callback, Throwable e) {
        if (e instanceof io.wschannels.ChannelException forTheClient) {
            LOG.fine(() -> definition.type().getSimpleName() + "#" + callback + " answered " + connection + " with \""
                    + forTheClient.getMessage() + "\"");
            connection.sendError(String.valueOf(forTheClient.getMessage()), forTheClient.code());
            return;
        }
        rethrowFatal(e);
        LOG.log(Level.SEVERE, definition.type().getName() + "#" + callback + " failed for " + connection
                + "; the client gets the error envelope \"" + INTERNAL_ERROR + "\" and the connection stays open", e);
        connection.sendError(INTERNAL_ERROR, "internal_error");
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (connection == null || ended) {
            return;
        }
        inCallback(() -> error(error));
    }

    private void error(Throwable error) {
        if (ended) {
            return;
        }
        // Resets and half-open peers are routine on the internet: not worth more than FINE.
        // So is a message from a client this side has already refused or is closing (it has no
        // handler until admitted; the close leaves shortly after the open callback).
        Level level = error instanceof IOException || error.getCause() instanceof IOException
                || connection.sentClose() != null ? Level.FINE : Level.WARNING;
        LOG.log(level, "WebSocket error on " + connection, error);
        if (connected && channel != null) {
            try {
                channel.onError(error);
            } catch (RuntimeException | Error e) {
                rethrowFatal(e);
                LOG.log(Level.SEVERE, definition.type().getName() + "#onError failed for " + connection, e);
            }
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        end(closeReason);
    }

    /**
     * Ends the connection once, whoever calls first: the container, or shutdown. Called from inside
     * a callback on the same thread (a channel's close() that the container completes at once), it
     * waits until that callback has returned, so {@code onClose} and {@code @PreDestroy} never run
     * in the middle of another callback.
     */
    synchronized void end(CloseReason closeReason) {
        if (connection == null) {
            return;
        }
        if (depth > 0) {
            if (deferredEnd == null) {
                deferredEnd = closeReason;
            }
            return;
        }
        finish(closeReason);
    }

    private void finish(CloseReason closeReason) {
        if (ended) {
            return;
        }
        ended = true;
        connection.ended();
        // When this side closed, its code and reason are the connection's; the peer's echo of the
        // close frame may carry no reason, and containers differ in which one they report.
        CloseReason effective = connection.sentClose() != null ? connection.sentClose() : closeReason;
        try {
            if (connected && channel != null && definition.batched()) {
                deliverPending(true); // nothing received is lost: the last batch comes before onClose
            }
            if (connected && channel != null) {
                String reason = effective.getReasonPhrase() == null ? "" : effective.getReasonPhrase();
                try {
                    channel.onClose(effective.getCloseCode(), reason);
                } catch (RuntimeException | Error e) {
                    rethrowFatal(e);
                    LOG.log(Level.SEVERE, definition.type().getName() + "#onClose failed for " + connection, e);
                }
            }
        } finally {
            destroy();
            if (admitted) {
                admitted = false;
                deployment.registry(definition.type()).release();
            }
            deployment.ended(this);
        }
    }

    private void destroy() {
        if (creation != null) {
            try {
                if (channel != null) {
                    bean.destroy(channel, creation); // @PreDestroy, then the dependents
                } else {
                    creation.release();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Destroying " + definition.type().getName() + " for " + connection
                        + " failed (a @PreDestroy method threw?)", e);
            }
            creation = null;
        }
        channel = null;
    }

    LiveConnection connection() {
        return connection;
    }

    /** Gives a channel made with {@code new} its connection, as injection does for CDI-made ones. */
    private static void attach(Channel channel, LiveConnection connection) {
        try {
            java.lang.reflect.Field field = Channel.class.getDeclaredField("connection");
            field.setAccessible(true);
            if (field.get(channel) != null) {
                throw new IllegalStateException(channel + " serves a connection already: make one instance per"
                        + " connection");
            }
            field.set(channel, connection);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot attach " + channel.getClass().getName() + " to its connection", e);
        }
    }

    ChannelDefinition definition() {
        return definition;
    }

    /**
     * Called by {@link Heartbeats} at the channel's interval: a connection silent for longer than
     * the pong timeout is dead and ended now (its peer may never finish a close handshake);
     * otherwise it is pinged.
     */
    void heartbeat(long now) {
        if (!connected || ended) {
            return;
        }
        if (now - lastSeen > TimeUnit.MILLISECONDS.toNanos(definition.pongTimeoutMillis())) {
            LOG.fine(() -> "Ending " + connection + ": no answer to heartbeats for " + definition.pongTimeoutMillis()
                    + " ms");
            CloseReason dead = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "No answer to heartbeats");
            connection.close(dead.getCloseCode(), dead.getReasonPhrase());
            end(dead);
            return;
        }
        try {
            connection.session().getAsyncRemote().sendPing(HEARTBEAT.duplicate());
        } catch (java.io.IOException | RuntimeException unreachable) {
            // The timeout decides: a peer that cannot be pinged will not answer either.
            LOG.log(Level.FINEST, "Ping failed for " + connection, unreachable);
        }
    }

    /**
     * Called by {@link Heartbeats} every quarter of the channel's idle timeout: a connection that
     * sent no message for longer is closed with 1000 and the reason {@code "Idle timeout"}.
     */
    void idleCheck(long now) {
        if (!connected || ended || !connection.acceptsMessages()) {
            return;
        }
        if (now - lastMessage > TimeUnit.MILLISECONDS.toNanos(definition.idleTimeoutMillis())) {
            LOG.fine(() -> "Closing " + connection + ": no message for " + definition.idleTimeoutMillis() + " ms");
            connection.close(CloseReason.CloseCodes.NORMAL_CLOSURE, "Idle timeout");
        }
    }

    /** Out-of-memory and similar errors are not the channel's fault and must reach the container. */
    private static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
    }
}
