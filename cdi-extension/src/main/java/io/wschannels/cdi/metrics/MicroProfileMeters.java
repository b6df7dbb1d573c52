package io.wschannels.cdi.metrics;

import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * One channel's meters in the application's MicroProfile Metrics registry (Payara): the names of
 * the standalone server's {@code /metrics} without the suffixes MicroProfile's Prometheus format
 * adds itself ({@code _total} to counters, the unit to everything with one). Loaded only when
 * MicroProfile Metrics is visible.
 */
final class MicroProfileMeters implements Meters {

    private final MetricRegistry registry;
    private final Tag[] tags;
    private final List<MetricID> registered = new ArrayList<>();
    private final Counter opened;
    private final Counter[] refused = new Counter[ChannelMetrics.Refusal.values().length];
    private final ConcurrentMap<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Counter messagesReceived;
    private final Counter bytesReceived;
    private final Counter messagesSent;
    private final Counter bytesSent;
    private final Counter broadcasts;
    private final Counter recipients;
    private final Counter slowConsumerCloses;
    private final Counter rateLimited;
    private final Counter heartbeatTimeouts;
    private final Counter callbackErrors;
    private final Timer callbacks;
    private final Timer deliveries;

    private MicroProfileMeters(MetricRegistry registry, MeteredChannel channel) {
        this.registry = registry;
        this.tags = new Tag[] {new Tag("channel", channel.name()), new Tag("route", channel.route())};
        gauge("wschannels_connections", "Connections open now", MetricUnits.NONE, channel, r -> r.open());
        gauge(
                "wschannels_outbound_queued",
                "Bytes waiting in the connections' outbound queues",
                MetricUnits.BYTES,
                channel,
                r -> r.queuedBytes());
        gauge(
                "wschannels_outbound_queue_largest",
                "The most bytes waiting in one connection's outbound queue",
                MetricUnits.BYTES,
                channel,
                r -> r.largestQueueBytes());
        opened = counter("wschannels_connections_opened", "Clients let in (onConnect returned)", null, tags);
        for (ChannelMetrics.Refusal why : ChannelMetrics.Refusal.values()) {
            refused[why.ordinal()] = counter(
                    "wschannels_connections_refused",
                    "Clients refused, by reason",
                    null,
                    with(new Tag("reason", why.label())));
        }
        messagesReceived = counter("wschannels_messages_received", "Messages from clients", null, tags);
        bytesReceived = counter("wschannels_received", "Bytes of the messages from clients", MetricUnits.BYTES, tags);
        messagesSent = counter("wschannels_messages_sent", "Messages queued for clients", null, tags);
        bytesSent = counter("wschannels_sent", "Bytes of the messages queued for clients", MetricUnits.BYTES, tags);
        broadcasts = counter("wschannels_broadcasts", "Broadcasts delivered by this server", null, tags);
        recipients = counter("wschannels_broadcast_recipients", "Connections broadcasts were queued to", null, tags);
        slowConsumerCloses = counter(
                "wschannels_slow_consumer_closes",
                "Connections closed because their outbound queue overflowed",
                null,
                tags);
        rateLimited =
                counter("wschannels_rate_limited_messages", "Messages refused for the channel's rate", null, tags);
        heartbeatTimeouts =
                counter("wschannels_heartbeat_timeouts", "Peers ended because they answered no ping", null, tags);
        callbackErrors = counter(
                "wschannels_callback_errors",
                "Callbacks that threw something other than a ChannelException",
                null,
                tags);
        callbacks = timer("wschannels_callback_duration", "How long channel callbacks took");
        deliveries = timer(
                "wschannels_broadcast_delivery_duration",
                "From the start of a broadcast's delivery on this server until it was written to every recipient");
    }

    /**
     * The application's registry, or {@code null} when the server has none. Payara's producer reads
     * {@code @RegistryScope} from the injection point it serves, and fails on the bare one an
     * {@code Instance} looked up from the bean manager has; so it is asked for a real field's.
     */
    static Object applicationRegistry(BeanManager manager) {
        if (manager.getBeans(MetricRegistry.class).isEmpty()) {
            return null;
        }
        AnnotatedField<? super Lookup> field = manager.createAnnotatedType(Lookup.class).getFields().stream()
                .filter(f -> f.getJavaMember().getName().equals("registry"))
                .findFirst()
                .orElseThrow();
        InjectionPoint point = manager.createInjectionPoint(field);
        return manager.getInjectableReference(point, manager.createCreationalContext(null));
    }

    /** Holds the injection point {@link #applicationRegistry} asks for; never instantiated. */
    private static final class Lookup {
        @Inject
        MetricRegistry registry;

        private Lookup() {}
    }

    /** The channel's meters, registered in {@code registry}; they are removed by {@link #remove()}. */
    static MicroProfileMeters register(Object registry, MeteredChannel channel) {
        return new MicroProfileMeters((MetricRegistry) registry, channel);
    }

    /** Removes the channel's meters from the registry. */
    void remove() {
        synchronized (registered) {
            registered.forEach(registry::remove);
            registered.clear();
        }
    }

    private Tag[] with(Tag more) {
        Tag[] all = Arrays.copyOf(tags, tags.length + 1);
        all[tags.length] = more;
        return all;
    }

    private Counter counter(String name, String help, String unit, Tag[] with) {
        Counter counter = registry.counter(metadata(name, help, unit), with);
        keep(new MetricID(name, with));
        return counter;
    }

    private Timer timer(String name, String help) {
        Timer timer = registry.timer(metadata(name, help, MetricUnits.SECONDS), tags);
        keep(new MetricID(name, tags));
        return timer;
    }

    private void gauge(
            String name, String help, String unit, MeteredChannel channel, ToLongFunction<ChannelReading> value) {
        registry.gauge(
                metadata(name, help, unit),
                channel,
                c -> value.applyAsLong(c.reading().get()),
                tags);
        keep(new MetricID(name, tags));
    }

    private static Metadata metadata(String name, String help, String unit) {
        return Metadata.builder()
                .withName(name)
                .withDescription(help)
                .withUnit(unit == null ? MetricUnits.NONE : unit)
                .build();
    }

    private void keep(MetricID id) {
        synchronized (registered) {
            registered.add(id);
        }
    }

    @Override
    public void opened() {
        opened.inc();
    }

    @Override
    public void refused(ChannelMetrics.Refusal why) {
        refused[why.ordinal()].inc();
    }

    @Override
    public void closed(int code) {
        closes.computeIfAbsent(
                        code,
                        c -> counter(
                                "wschannels_connections_closed",
                                "Connections that ended, by close code",
                                null,
                                with(new Tag("code", Integer.toString(c)))))
                .inc();
    }

    @Override
    public void received(int bytes) {
        messagesReceived.inc();
        bytesReceived.inc(bytes);
    }

    @Override
    public void sent(int bytes) {
        messagesSent.inc();
        bytesSent.inc(bytes);
    }

    @Override
    public void delivered(int count, long nanos) {
        broadcasts.inc();
        recipients.inc(count);
        deliveries.update(Duration.ofNanos(nanos));
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumerCloses.inc();
    }

    @Override
    public void rateLimited() {
        rateLimited.inc();
    }

    @Override
    public void heartbeatTimedOut() {
        heartbeatTimeouts.inc();
    }

    @Override
    public void callbackFailed() {
        callbackErrors.inc();
    }

    @Override
    public void callback(long nanos) {
        callbacks.update(Duration.ofNanos(nanos));
    }
}
