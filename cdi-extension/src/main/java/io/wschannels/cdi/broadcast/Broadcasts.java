package io.wschannels.cdi.broadcast;

import io.wschannels.BroadcastDroppedException;
import io.wschannels.Delivery;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastHistory;
import io.wschannels.spi.BroadcastTransport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one path of every broadcast: out through the application's {@link BroadcastTransport}, and
 * back in from it to this server's registries. Each broadcast published here waits for its local
 * delivery, which the transport performs exactly once (at once for the in-process transport).
 */
public final class Broadcasts {

    private static final Logger LOG = Logger.getLogger(Broadcasts.class.getName());
    /** How long a publisher's Delivery waits for its own server's share to come back from the transport. */
    static final int DELIVERY_TIMEOUT_SECONDS = 10;

    private final JsonCodec json;
    /** In process until the application's transport is known, when the channels are registered. */
    private volatile BroadcastTransport transport;
    /** The transport's history, shared by every server; {@code null} when each keeps its own. */
    private volatile BroadcastHistory history;
    /** None until the channels are registered, on the web application's thread. */
    private volatile Transactions transactions = Transactions.NONE;

    private final Map<String, ChannelRegistry<?>> registries = new ConcurrentHashMap<>();
    private final Map<String, DeliveryTracker> awaiting = new ConcurrentHashMap<>();
    // Ids unique across servers without a random draw per broadcast.
    private final String server = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong sequence = new AtomicLong();

    /** @param json serializes what is broadcast as JSON */
    public Broadcasts(JsonCodec json) {
        this.json = json;
        this.transport = new InProcess();
        transport.start(this::deliverLocally);
    }

    void add(ChannelRegistry<?> registry) {
        registries.put(registry.definition().type().getName(), registry);
        registry.share(history);
    }

    /**
     * Switches to the application's transport; broadcasts before this had no connection to reach.
     *
     * @param applicationTransport the application's transport, or {@code null} to stay in process
     */
    public void use(BroadcastTransport applicationTransport) {
        if (applicationTransport != null) {
            applicationTransport.start(this::deliverLocally);
            transport = applicationTransport;
            history = applicationTransport.history();
            registries.values().forEach(registry -> registry.share(history));
        }
    }

    /**
     * Binds broadcasts made in a JTA transaction to its outcome, where the server has JTA. Called on
     * a thread of the web application (JNDI's {@code java:comp}).
     */
    public void bindToTransactions() {
        bindTo(Transactions.find());
    }

    void bindTo(Transactions found) {
        transactions = found;
    }

    /** @return why the transport cannot reach the other servers now, or {@code null} while it can */
    public String unavailable() {
        return transport.unavailable();
    }

    /** @return the class name of the transport in use ({@code InProcess} for the default) */
    public String transportName() {
        // The transport may be a CDI client proxy (RedisTransport$Proxy$_$$_WeldClientProxy on Weld,
        // ...$$OwbNormalScopeProxy0 on OpenWebBeans), a subclass of the class it stands for.
        Class<?> type = transport.getClass();
        while (type.getSuperclass() != null
                && (type.getName().contains("$$") || type.getName().contains("$Proxy$"))) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    /** At shutdown: stops the transport. */
    public void stop() {
        transport.stop();
    }

    JsonCodec json() {
        return json;
    }

    /** @return this server's name, unique in the cluster */
    public String server() {
        return server;
    }

    /** A broadcast leaves now, or when the caller's transaction commits (see {@link Transactions}). */
    CompletionStage<Delivery> publish(TargetedAudience audience, String text) {
        Transactions bound = transactions;
        Object transaction = audience.immediate() ? null : bound.current();
        if (transaction != null) {
            CompletableFuture<Delivery> later = new DeferredDelivery(bound, transaction, audience);
            Runnable send =
                    () -> publish(audience.channel(), audience.target(), text).whenComplete((delivery, failure) -> {
                        if (failure == null) {
                            later.complete(delivery);
                        } else {
                            later.completeExceptionally(failure);
                        }
                    });
            if (bound.defer(
                    send,
                    why -> later.completeExceptionally(new BroadcastDroppedException(
                            "A broadcast to " + audience + " was dropped: " + why + ". Clients are not told what a"
                                    + " transaction did not do; to send regardless of it, broadcast to"
                                    + " audience.immediately()")))) {
                return later;
            }
        }
        return publish(audience.channel(), audience.target(), text);
    }

    private CompletionStage<Delivery> publish(String channel, Broadcast.Target target, String text) {
        ChannelRegistry<?> registry = registries.get(channel);
        Broadcast broadcast = new Broadcast(
                server + "-" + sequence.incrementAndGet(),
                channel,
                target,
                text,
                registry == null ? null : registry.keeps(target),
                Map.of());
        DeliveryTracker tracker = new DeliveryTracker();
        awaiting.put(broadcast.id(), tracker);
        CompletionStage<Void> published;
        try {
            published = transport.publish(broadcast);
        } catch (RuntimeException e) {
            awaiting.remove(broadcast.id());
            return CompletableFuture.failedFuture(e);
        }
        BroadcastTransport by = transport;
        return published
                .thenCompose(ignored -> tracker.outcome()
                        .toCompletableFuture()
                        .orTimeout(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                                failure instanceof TimeoutException
                                        ? new IllegalStateException(
                                                "Broadcast " + broadcast.id() + " did not come back from "
                                                        + by.getClass().getName() + " within "
                                                        + DELIVERY_TIMEOUT_SECONDS + " s; a transport"
                                                        + " must hand every broadcast to every server, this one"
                                                        + " included (is its"
                                                        + " subscription lost?)",
                                                failure)
                                        : failure)))
                .whenComplete((delivery, failure) -> {
                    if (failure != null) {
                        awaiting.remove(broadcast.id());
                    }
                });
    }

    /** A broadcast arrived from the transport: deliver it to this server's connections. */
    void deliverLocally(Broadcast broadcast) {
        DeliveryTracker tracker = awaiting.remove(broadcast.id());
        if (tracker == null) {
            tracker = new DeliveryTracker(); // published by another server
        }
        ChannelRegistry<?> registry = registries.get(broadcast.channel());
        if (registry == null) {
            LOG.warning(() -> "A broadcast to channel " + broadcast.channel() + " arrived, but this application has"
                    + " no such channel; are all servers running the same version?");
            tracker.resolved();
            return;
        }
        registry.deliver(broadcast, tracker);
    }

    /** The default transport: this server only, delivered on the caller's thread. */
    static final class InProcess implements BroadcastTransport {
        private volatile Consumer<Broadcast> local;

        @Override
        public void start(Consumer<Broadcast> localDelivery) {
            this.local = localDelivery;
        }

        @Override
        public CompletionStage<Void> publish(Broadcast broadcast) {
            local.accept(broadcast);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void stop() {
            local = b -> {};
        }
    }
}
