package io.wschannels.cdi.metrics;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the channels' meters with the metrics facilities the server offers the application,
 * when there are any: a Micrometer {@code MeterRegistry} bean (WildFly with its micrometer
 * subsystem) and a MicroProfile Metrics {@code MetricRegistry} (Payara). Neither is needed: when
 * the application cannot see a facility's classes, or the server offers no registry bean, the
 * channels count for their readings only, and nothing of that facility is loaded.
 */
public final class MetricsFacilities implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MetricsFacilities.class.getName());

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MICROPROFILE = "org.eclipse.microprofile.metrics.MetricRegistry";

    /** No facility bound. */
    public static final MetricsFacilities NONE = new MetricsFacilities(List.of(), List.of());

    private final List<MeteredChannel> channels;
    private final List<Runnable> removals;

    private MetricsFacilities(List<MeteredChannel> channels, List<Runnable> removals) {
        this.channels = channels;
        this.removals = removals;
    }

    /**
     * Registers each channel's meters with every facility {@code manager} offers, and tells them of
     * the channel's events from now on.
     *
     * @param manager the web module's bean manager
     * @param channels the channels
     * @return what to {@link #close()} when the application stops, to remove the meters again
     */
    public static MetricsFacilities bind(BeanManager manager, List<MeteredChannel> channels) {
        List<Runnable> removals = new ArrayList<>();
        List<List<Meters>> perChannel = new ArrayList<>();
        channels.forEach(c -> perChannel.add(new ArrayList<>()));
        Object micrometer = registry(manager, MICROMETER, MetricsFacilities::resolve);
        if (micrometer != null) {
            for (int i = 0; i < channels.size(); i++) {
                MicrometerMeters meters = MicrometerMeters.register(micrometer, channels.get(i));
                perChannel.get(i).add(meters);
                removals.add(meters::remove);
            }
            LOG.info(() -> "Channel metrics are registered with the application's Micrometer MeterRegistry");
        }
        Object microprofile = registry(manager, MICROPROFILE, (m, type) -> MicroProfileMeters.applicationRegistry(m));
        if (microprofile != null) {
            for (int i = 0; i < channels.size(); i++) {
                MicroProfileMeters meters = MicroProfileMeters.register(microprofile, channels.get(i));
                perChannel.get(i).add(meters);
                removals.add(meters::remove);
            }
            LOG.info(() -> "Channel metrics are registered with the application's MicroProfile MetricRegistry");
        }
        if (removals.isEmpty()) {
            return NONE;
        }
        for (int i = 0; i < channels.size(); i++) {
            List<Meters> all = perChannel.get(i);
            channels.get(i).metrics().mirrorTo(all.size() == 1 ? all.get(0) : new Both(all.get(0), all.get(1)));
        }
        return new MetricsFacilities(channels, removals);
    }

    /** The registry bean of the facility whose registry type is {@code typeName}, or {@code null}. */
    private static Object registry(
            BeanManager manager, String typeName, BiFunction<BeanManager, Class<?>, Object> lookUp) {
        Class<?> type;
        try {
            type = Class.forName(typeName, false, MetricsFacilities.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notVisible) {
            return null;
        }
        try {
            return lookUp.apply(manager, type);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "The application sees " + typeName + " but its registry could not be obtained from CDI;"
                            + " the channels' metrics are not registered with it",
                    e);
            return null;
        }
    }

    /** The bean of {@code type}, or {@code null} when there is none. */
    private static Object resolve(BeanManager manager, Class<?> type) {
        Instance<?> found = manager.createInstance().select(type);
        return found.isResolvable() ? found.get() : null;
    }

    /** Stops telling the facilities, and removes the channels' meters from them. */
    @Override
    public void close() {
        channels.forEach(c -> c.metrics().mirrorTo(Meters.NONE));
        for (Runnable removal : removals) {
            try {
                removal.run();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not remove a channel meter", e);
            }
        }
    }

    /** Two facilities' meters, told of each event in turn. */
    private record Both(Meters first, Meters second) implements Meters {

        @Override
        public void opened() {
            first.opened();
            second.opened();
        }

        @Override
        public void refused(ChannelMetrics.Refusal why) {
            first.refused(why);
            second.refused(why);
        }

        @Override
        public void closed(int code) {
            first.closed(code);
            second.closed(code);
        }

        @Override
        public void received(int bytes) {
            first.received(bytes);
            second.received(bytes);
        }

        @Override
        public void sent(int bytes) {
            first.sent(bytes);
            second.sent(bytes);
        }

        @Override
        public void delivered(int count, long nanos) {
            first.delivered(count, nanos);
            second.delivered(count, nanos);
        }

        @Override
        public void slowConsumerClosed() {
            first.slowConsumerClosed();
            second.slowConsumerClosed();
        }

        @Override
        public void rateLimited() {
            first.rateLimited();
            second.rateLimited();
        }

        @Override
        public void heartbeatTimedOut() {
            first.heartbeatTimedOut();
            second.heartbeatTimedOut();
        }

        @Override
        public void callbackFailed() {
            first.callbackFailed();
            second.callbackFailed();
        }

        @Override
        public void callback(long nanos) {
            first.callback(nanos);
            second.callback(nanos);
        }
    }
}
