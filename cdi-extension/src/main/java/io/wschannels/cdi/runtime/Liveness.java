package io.wschannels.cdi.runtime;

import io.wschannels.Limits;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Heartbeats and idle checks of one channel. Once per heartbeat interval it pings each of its open
 * connections and ends those that showed no sign of life for the pong timeout (the peer may never
 * finish a close handshake); every quarter of its idle timeout it closes those that sent no message
 * for longer. Each tick walks this channel's connections only.
 *
 * <p>Heartbeats are spread over the interval, a slice of the connections a second (each connection
 * always in the same slice), so that 10,000 connections do not get 10,000 pings, and send 10,000
 * pongs back, in one burst that holds up every message behind it.
 */
final class Liveness {

    /** What a check needs of one connection. */
    interface Watched {
        /** @return whether {@code onConnect} completed and the connection has not ended */
        boolean isConnected();

        /** @return whether the connection still accepts messages (not closing) */
        boolean acceptsMessages();

        /** @return when the peer last sent a message or a pong, on the clock */
        long lastSeen();

        /** @return when the peer last sent a message, on the clock */
        long lastMessage();

        void ping();

        /** Closes with the reason and ends the connection now, without waiting for the peer. */
        void endDead(CloseReason reason);

        void close(CloseReason reason);
    }

    static final CloseReason DEAD = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "No answer to heartbeats");
    static final CloseReason IDLE = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "Idle timeout");

    private static final Logger LOG = Logger.getLogger(Liveness.class.getName());

    private final Limits limits;
    private final Collection<? extends Watched> connections;
    private final LongSupplier clock;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    /** Into how many slices the heartbeats are spread: one a second, up to 60. */
    private final int slices;
    /** The slice the next tick pings; only the scheduler's ticks touch it, one at a time. */
    private int nextSlice;

    /** @param connections this channel's open connections, a live view */
    Liveness(Limits limits, Collection<? extends Watched> connections, LongSupplier clock) {
        this.limits = limits;
        this.connections = connections;
        this.clock = clock;
        this.slices = Math.max(1, Math.min(60, limits.heartbeatMillis() / 1000));
    }

    /** Starts the ticks the channel's limits ask for; none for a channel without heartbeats or idle timeout. */
    synchronized void start(ScheduledExecutorService scheduler) {
        if (limits.idleTimeoutMillis() > 0) {
            long every = Math.max(1, limits.idleTimeoutMillis() / 4);
            tasks.add(scheduler.scheduleWithFixedDelay(this::idleCheck, every, every, TimeUnit.MILLISECONDS));
        }
        if (limits.heartbeatMillis() > 0) {
            long every = Math.max(1, limits.heartbeatMillis() / slices);
            tasks.add(scheduler.scheduleWithFixedDelay(this::heartbeatTick, every, every, TimeUnit.MILLISECONDS));
        }
    }

    synchronized void stop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
    }

    /** Heartbeats for every connection at once: the silent are ended, the others pinged. */
    void heartbeat() {
        heartbeat(-1);
    }

    private void heartbeatTick() {
        int slice = nextSlice;
        nextSlice = (slice + 1) % slices;
        heartbeat(slice);
    }

    /** Heartbeats for one slice of the connections, or all of them for {@code -1}. */
    private void heartbeat(int slice) {
        long now = clock.getAsLong();
        long timeout = TimeUnit.MILLISECONDS.toNanos(limits.pongTimeoutMillis());
        each("Heartbeat", connection -> {
            if (slice >= 0 && Math.floorMod(System.identityHashCode(connection), slices) != slice) {
                return;
            }
            if (now - connection.lastSeen() > timeout) {
                LOG.fine(() ->
                        "Ending " + connection + ": no answer to heartbeats for " + limits.pongTimeoutMillis() + " ms");
                connection.endDead(DEAD);
            } else {
                connection.ping();
            }
        });
    }

    /** One idle tick: those that sent nothing for the idle timeout are closed. */
    void idleCheck() {
        long now = clock.getAsLong();
        long timeout = TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis());
        each("Idle check", connection -> {
            if (connection.acceptsMessages() && now - connection.lastMessage() > timeout) {
                LOG.fine(() -> "Closing " + connection + ": no message for " + limits.idleTimeoutMillis() + " ms");
                connection.close(IDLE);
            }
        });
    }

    /** Runs a check on every connected connection; one that fails does not stop the others. */
    private void each(String what, Consumer<Watched> check) {
        for (Watched connection : connections) {
            if (!connection.isConnected()) {
                continue;
            }
            try {
                check.accept(connection);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " failed for " + connection, e);
            }
        }
    }
}
