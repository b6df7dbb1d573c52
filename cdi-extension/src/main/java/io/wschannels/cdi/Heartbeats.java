package io.wschannels.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pings the connections of every channel with heartbeats at its interval, ends those that stopped
 * answering, and closes those idle for longer than their channel's idle timeout, on the runtime's
 * {@link Threads}.
 */
final class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final Threads threads;

    Heartbeats(Threads threads) {
        this.threads = threads;
    }

    /** Starts the periodic tasks of every channel with heartbeats or an idle timeout; {@code endpoints} lists the live ones. */
    synchronized void start(List<ChannelDefinition> definitions, Supplier<List<ChannelEndpoint>> endpoints) {
        for (ChannelDefinition definition : definitions) {
            if (definition.idleTimeoutMillis() > 0) {
                long every = Math.max(1, definition.idleTimeoutMillis() / 4);
                tasks.add(threads.scheduler().scheduleWithFixedDelay(() -> idle(definition, endpoints), every, every,
                        TimeUnit.MILLISECONDS));
            }
            if (definition.heartbeatMillis() > 0) {
                tasks.add(threads.scheduler().scheduleWithFixedDelay(() -> beat(definition, endpoints),
                        definition.heartbeatMillis(), definition.heartbeatMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    synchronized void stop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
    }

    private static void beat(ChannelDefinition definition, Supplier<List<ChannelEndpoint>> endpoints) {
        each(definition, endpoints, "Heartbeat", ChannelEndpoint::heartbeat);
    }

    private static void idle(ChannelDefinition definition, Supplier<List<ChannelEndpoint>> endpoints) {
        each(definition, endpoints, "Idle check", ChannelEndpoint::idleCheck);
    }

    /** Runs a check on every live connection of one channel; one that fails does not stop the others. */
    private static void each(ChannelDefinition definition, Supplier<List<ChannelEndpoint>> endpoints, String what,
            java.util.function.ObjLongConsumer<ChannelEndpoint> check) {
        long now = System.nanoTime();
        for (ChannelEndpoint endpoint : endpoints.get()) {
            if (endpoint.definition() == definition) {
                try {
                    check.accept(endpoint, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, what + " failed for " + endpoint.connection(), e);
                }
            }
        }
    }
}
