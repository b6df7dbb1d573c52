package io.wschannels.cdi.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One channel's meters in a Micrometer {@link MeterRegistry} (WildFly's micrometer subsystem):
 * the names of the standalone server's {@code /metrics} in Micrometer's dotted form, which its
 * Prometheus registry writes exactly as the standalone server does ({@code wschannels.connections.opened}
 * becomes {@code wschannels_connections_opened_total}). Loaded only when Micrometer is visible.
 *
 * <p>Meters are made with the registry's own shortcuts ({@code counter(name, tags)},
 * {@code gauge(...)}, {@code timer(...)}), not with {@code Counter.builder(...).register(registry)}:
 * WildFly gives each deployment an {@code ApplicationRegistry}, a {@code SimpleMeterRegistry} that
 * forwards only those shortcuts to the server's registries (tagging them with the deployment);
 * meters made by builders stay in the deployment's own registry and are never scraped. Hence no
 * descriptions, units in the names, and timers without the standalone server's buckets (count, sum
 * and max).
 */
final class MicrometerMeters implements Meters {

    private final MeterRegistry registry;
    private final MeteredChannel channel;
    private final Tags tags;
    private final List<Meter> registered = new ArrayList<>();
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

    private MicrometerMeters(MeterRegistry registry, MeteredChannel channel) {
        this.registry = registry;
        this.channel = channel;
        this.tags = Tags.of("channel", channel.name(), "route", channel.route());
        gauge("wschannels.connections", r -> r.open());
        gauge("wschannels.outbound.queued.bytes", r -> r.queuedBytes());
        gauge("wschannels.outbound.queue.largest.bytes", r -> r.largestQueueBytes());
        opened = counter("wschannels.connections.opened", tags);
        for (ChannelMetrics.Refusal why : ChannelMetrics.Refusal.values()) {
            refused[why.ordinal()] = counter("wschannels.connections.refused", tags.and("reason", why.label()));
        }
        messagesReceived = counter("wschannels.messages.received", tags);
        bytesReceived = counter("wschannels.received.bytes", tags);
        messagesSent = counter("wschannels.messages.sent", tags);
        bytesSent = counter("wschannels.sent.bytes", tags);
        broadcasts = counter("wschannels.broadcasts", tags);
        recipients = counter("wschannels.broadcast.recipients", tags);
        slowConsumerCloses = counter("wschannels.slow.consumer.closes", tags);
        rateLimited = counter("wschannels.rate.limited.messages", tags);
        heartbeatTimeouts = counter("wschannels.heartbeat.timeouts", tags);
        callbackErrors = counter("wschannels.callback.errors", tags);
        callbacks = keep(registry.timer("wschannels.callback.duration", tags));
        deliveries = keep(registry.timer("wschannels.broadcast.delivery.duration", tags));
    }

    /** The channel's meters, registered in {@code registry}; they are removed by {@link #remove()}. */
    static MicrometerMeters register(Object registry, MeteredChannel channel) {
        return new MicrometerMeters((MeterRegistry) registry, channel);
    }

    /** Removes the channel's meters from the registry. */
    void remove() {
        synchronized (registered) {
            registered.forEach(registry::remove);
            registered.clear();
        }
    }

    private Counter counter(String name, Tags with) {
        return keep(registry.counter(name, with));
    }

    /** A gauge of the channel's reading; the registry holds {@link #channel} weakly, this strongly. */
    private void gauge(String name, ToDoubleFunction<ChannelReading> value) {
        registry.gauge(name, tags, channel, c -> value.applyAsDouble(c.reading().get()));
        Gauge made = registry.find(name).tags(tags).gauge();
        if (made != null) {
            keep(made);
        }
    }

    private <M extends Meter> M keep(M meter) {
        synchronized (registered) {
            registered.add(meter);
        }
        return meter;
    }

    @Override
    public void opened() {
        opened.increment();
    }

    @Override
    public void refused(ChannelMetrics.Refusal why) {
        refused[why.ordinal()].increment();
    }

    @Override
    public void closed(int code) {
        closes.computeIfAbsent(
                        code, c -> counter("wschannels.connections.closed", tags.and("code", Integer.toString(c))))
                .increment();
    }

    @Override
    public void received(int bytes) {
        messagesReceived.increment();
        bytesReceived.increment(bytes);
    }

    @Override
    public void sent(int bytes) {
        messagesSent.increment();
        bytesSent.increment(bytes);
    }

    @Override
    public void delivered(int count, long nanos) {
        broadcasts.increment();
        recipients.increment(count);
        deliveries.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    @Override
    public void rateLimited() {
        rateLimited.increment();
    }

    @Override
    public void heartbeatTimedOut() {
        heartbeatTimeouts.increment();
    }

    @Override
    public void callbackFailed() {
        callbackErrors.increment();
    }

    @Override
    public void callback(long nanos) {
        callbacks.record(nanos, TimeUnit.NANOSECONDS);
    }
}
