package io.wschannels.cdi.runtime;

import io.wschannels.Channel;
import io.wschannels.cdi.admin.ChannelActivity;
import io.wschannels.cdi.broadcast.ChannelPresence;
import io.wschannels.cdi.broadcast.ChannelRegistry;
import io.wschannels.cdi.connection.Departure;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.cdi.metrics.ChannelMetrics;
import io.wschannels.cdi.metrics.ChannelReading;
import io.wschannels.cdi.tracing.Traced;
import io.wschannels.cdi.tracing.Tracing;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the connections of one channel need, built once when the channel is registered and
 * handed to each connection's {@link Callbacks}: the channel's definition, registry and presence,
 * how its instances are made, its typed-message dispatch, its capacity, its open connections and
 * their heartbeats. Nothing here reaches back into the deployment that built it.
 */
public final class ChannelRuntime implements Departure {

    /**
     * What every channel of one application shares at run time.
     *
     * @param json the application's JSON
     * @param validation Bean Validation of typed messages, or {@link MessageValidation#NONE}
     * @param threads the runtime's own work (heartbeats, batches, delayed closes)
     * @param shutdown whether the application stops
     */
    public record Shared(
            JsonCodec json, MessageValidation validation, Threads threads, Shutdown shutdown, Tracing tracing) {}

    /**
     * How long a close made in the open callback waits, so that the container has finished the
     * upgrade (see {@code Outbox#closeLater}). Measured on Payara Micro 6: closing at once from
     * onOpen broke another client's connection about once in 400 refusals; 20 ms later, none in 1,600.
     */
    static final long CLOSE_AFTER_OPEN_MILLIS = 20;

    private static final Logger LOG = Logger.getLogger(ChannelRuntime.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelDefinition definition;
    private final ChannelRegistry<?> registry;
    private final ChannelPresence<?> presence;
    private final ChannelInstances instances;
    private final Shared shared;
    private final Failures failures;
    private final ChannelMetrics metrics;
    /** {@code null} for a channel without {@code @Handle} methods. */
    private final TypedDispatch dispatch;

    private final Capacity capacity;
    private final Set<Callbacks> open = ConcurrentHashMap.newKeySet();
    private final Liveness liveness;
    private volatile ScheduledFuture<?> historyExpiry;

    /**
     * @param definition the channel
     * @param registry its registry
     * @param presence its presence
     * @param instances makes its instances
     * @param shared what all channels of the application share
     */
    public ChannelRuntime(
            ChannelDefinition definition,
            ChannelRegistry<?> registry,
            ChannelPresence<?> presence,
            ChannelInstances instances,
            Shared shared) {
        this.definition = definition;
        this.registry = registry;
        this.presence = presence;
        this.instances = instances;
        this.shared = shared;
        this.metrics = registry.metrics();
        this.failures = new Failures(definition, metrics);
        this.dispatch = definition.handlers().isEmpty()
                ? null
                : new TypedDispatch(definition.handlers(), shared.json(), shared.validation(), failures);
        this.capacity = new Capacity(
                definition.limits().maxConnections(), shared.threads().clock());
        this.liveness = new Liveness(definition.limits(), open, shared.threads().clock());
    }

    /**
     * Opens a connection: called from the container's open callback, it runs the whole admission of
     * the client (shutdown, the handshake's verdict, capacity, the user's cap), creates the channel
     * instance and runs {@code onConnect}.
     *
     * @param session the container's session
     * @param handshake what the handshake carried
     * @param provided an instance made by the caller (the test kit without CDI), or {@code null}
     * @return the connection's callbacks, also when the client was refused
     */
    public Callbacks open(Session session, Handshake handshake, Channel provided) {
        LiveConnection connection =
                new LiveConnection(newId(), definition, session, handshake, shared.json(), this, metrics);
        Callbacks callbacks = new Callbacks(this, connection, shared.threads().clock());
        callbacks.open(provided);
        return callbacks;
    }

    /** @return the channel */
    public ChannelDefinition definition() {
        return definition;
    }

    /** @return where its spans go; {@link Tracing#NONE} when tracing is off */
    Tracing tracing() {
        return shared.tracing();
    }

    /**
     * A handshake refused with an HTTP answer before the upgrade: its span, when tracing is on,
     * started and ended now with the refusal's reason.
     *
     * @param header the request's header of a name, or {@code null}
     * @param reason the refusal's reason
     */
    public void refusedBeforeUpgrade(Function<String, String> header, ChannelMetrics.Refusal reason) {
        Tracing tracing = shared.tracing();
        if (tracing == Tracing.NONE) {
            return;
        }
        Traced span =
                tracing.handshake(definition.route().path(), definition.type().getSimpleName(), header);
        span.outcome(reason.label());
        span.end();
    }

    /** @return what is counted about this channel */
    public ChannelMetrics metrics() {
        return metrics;
    }

    /**
     * @return this channel's metrics now: the counters, and its connections and their queues, walked
     *     once; nothing is kept between readings
     */
    public ChannelReading read() {
        int count = 0;
        long queued = 0;
        long largest = 0;
        for (Callbacks callbacks : open) {
            LiveConnection connection = callbacks.connection();
            if (!connection.isOpen()) {
                continue;
            }
            long bytes = connection.queuedBytes();
            count++;
            queued += bytes;
            largest = Math.max(largest, bytes);
        }
        return new ChannelReading(
                definition.type().getName(), definition.route().path(), count, queued, largest, metrics.snapshot());
    }

    /**
     * What the admin view shows of this channel, read now: one walk over its connections.
     *
     * @return its metrics, rooms, slowest consumers and recent refusals
     */
    public ChannelActivity activity() {
        PriorityQueue<ChannelActivity.Queue> slowest =
                new PriorityQueue<>(Comparator.comparingLong(ChannelActivity.Queue::queuedBytes));
        for (Callbacks callbacks : open) {
            LiveConnection connection = callbacks.connection();
            long bytes = connection.queuedBytes();
            if (bytes > 0 && connection.isOpen()) {
                String user;
                synchronized (connection.membership()) {
                    user = connection.membership().userId();
                }
                slowest.add(new ChannelActivity.Queue(connection.id(), user, bytes));
                if (slowest.size() > ChannelActivity.SLOWEST_SHOWN) {
                    slowest.poll();
                }
            }
        }
        List<ChannelActivity.Queue> listed = new ArrayList<>(slowest);
        listed.sort(Comparator.comparingLong(ChannelActivity.Queue::queuedBytes).reversed());
        return new ChannelActivity(
                read(),
                registry.roomCount(),
                registry.largestRooms(ChannelActivity.ROOMS_SHOWN),
                listed,
                metrics.recentRefusals());
    }

    /** @return this channel's connections that have not ended yet, a live view */
    public Collection<Callbacks> connections() {
        return Collections.unmodifiableSet(open);
    }

    /** Starts the channel's heartbeats and idle checks, and the expiry of its history. */
    public void start() {
        liveness.start(shared.threads().scheduler());
        long expiry = registry.historyExpiryMillis();
        if (expiry > 0) {
            historyExpiry = shared.threads()
                    .scheduler()
                    .scheduleWithFixedDelay(registry::expireHistory, expiry, expiry, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops them, at shutdown. */
    public void stop() {
        liveness.stop();
        if (historyExpiry != null) {
            historyExpiry.cancel(false);
        }
    }

    ChannelRegistry<?> registry() {
        return registry;
    }

    ChannelInstances instances() {
        return instances;
    }

    Failures failures() {
        return failures;
    }

    TypedDispatch dispatch() {
        return dispatch;
    }

    Shutdown shutdown() {
        return shared.shutdown();
    }

    Threads threads() {
        return shared.threads();
    }

    void opened(Callbacks callbacks) {
        open.add(callbacks);
    }

    void closed(Callbacks callbacks) {
        open.remove(callbacks);
        shared.shutdown().connectionEnded();
    }

    /** Counts a client in, or refuses it with 1013 when the channel is full. */
    boolean admit(LiveConnection connection) {
        if (capacity.admit()) {
            return true;
        }
        int most = definition.limits().maxConnections();
        metrics.refused(
                ChannelMetrics.Refusal.CAPACITY,
                "the channel serves " + most + " connections, its limit",
                connection.id());
        LOG.log(
                capacity.warnAboutRefusal() ? Level.WARNING : Level.FINE,
                () -> definition.describe() + " refused a"
                        + " connection: it already serves " + most + " connections, its limit. Raise it with"
                        + " @Limits(maxConnections = ...) on "
                        + definition.type().getName() + " if the server can take more.");
        connection.close(
                CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too many connections: this channel serves at most " + most);
        return false;
    }

    void release() {
        capacity.release();
    }

    /** A close made during the container's open callback leaves from the scheduler, shortly after it. */
    void closeSoon(Runnable close) {
        try {
            shared.threads().scheduler().schedule(close, CLOSE_AFTER_OPEN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            close.run(); // the application stops and its threads with it: close here and now
        }
    }

    /** The connection stopped taking part: it leaves its rooms, its user and its presence. */
    @Override
    public void left(LiveConnection connection) {
        registry.forget(connection);
        presence.forget(connection);
    }

    /** 12 random bytes (16 characters), URL-safe: unguessable, so an id can be shown to other clients. */
    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
