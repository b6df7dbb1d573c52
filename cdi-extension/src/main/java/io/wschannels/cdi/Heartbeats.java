package io.wschannels.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Pings the connections of every channel with heartbeats at its interval, ends those that stopped
 * answering, and closes those idle for longer than their channel's idle timeout. Uses the server's default managed scheduled executor where there is one (Jakarta EE
 * servers must not have applications start their own threads), else one daemon thread of its own.
 */
final class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());
    private static final String MANAGED = "java:comp/DefaultManagedScheduledExecutorService";

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private boolean ownScheduler;

    /** Starts one periodic task per channel with heartbeats; {@code endpoints} lists the live ones. */
    synchronized void start(List<ChannelDefinition> definitions, Supplier<List<ChannelEndpoint>> endpoints) {
        for (ChannelDefinition definition : definitions) {
            if (definition.idleTimeoutMillis() > 0) {
                if (scheduler == null) {
                    scheduler = managedOrOwn();
                }
                long every = Math.max(1, definition.idleTimeoutMillis() / 4);
                tasks.add(scheduler.scheduleWithFixedDelay(() -> idle(definition, endpoints), every, every,
                        TimeUnit.MILLISECONDS));
            }
            if (definition.heartbeatMillis() <= 0) {
                continue;
            }
            if (scheduler == null) {
                scheduler = managedOrOwn();
            }
            tasks.add(scheduler.scheduleWithFixedDelay(() -> beat(definition, endpoints), definition.heartbeatMillis(),
                    definition.heartbeatMillis(), TimeUnit.MILLISECONDS));
        }
    }

    synchronized void stop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        if (ownScheduler) {
            scheduler.shutdownNow(); // a managed executor belongs to the server: never shut it down
        }
    }

    private static void beat(ChannelDefinition definition, Supplier<List<ChannelEndpoint>> endpoints) {
        long now = System.nanoTime();
        for (ChannelEndpoint endpoint : endpoints.get()) {
            if (endpoint.definition() == definition) {
                try {
                    endpoint.heartbeat(now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Heartbeat failed for " + endpoint.connection(), e);
                }
            }
        }
    }

    private static void idle(ChannelDefinition definition, Supplier<List<ChannelEndpoint>> endpoints) {
        long now = System.nanoTime();
        for (ChannelEndpoint endpoint : endpoints.get()) {
            if (endpoint.definition() == definition) {
                try {
                    endpoint.idleCheck(now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Idle check failed for " + endpoint.connection(), e);
                }
            }
        }
    }

    private ScheduledExecutorService managedOrOwn() {
        try {
            Object managed = new InitialContext().lookup(MANAGED);
            if (managed instanceof ScheduledExecutorService executor) {
                return executor;
            }
        } catch (NamingException | RuntimeException | NoClassDefFoundError notAServer) {
            LOG.log(Level.FINE, "No " + MANAGED + ": heartbeats use a thread of their own", notAServer);
        }
        ownScheduler = true;
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channel-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
    }
}
