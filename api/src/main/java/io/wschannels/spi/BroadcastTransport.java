package io.wschannels.spi;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Carries broadcasts between the servers of a cluster. Every broadcast of every channel passes
 * through the one transport of the application: the runtime hands it to {@link #publish}, and the
 * transport hands each broadcast, on every server including this one, to the consumer it was given
 * in {@link #start}, which delivers it to that server's connections.
 *
 * <p>The default transport is in-process: {@code publish} delivers at once on this server. To
 * replace it, make an implementation a CDI bean (for example {@code @ApplicationScoped}); the
 * runtime uses it when exactly one such bean exists. {@link Broadcast} is plain data (strings and
 * sets of strings) so that it can be serialized for any message broker.
 *
 * <p>Who calls what: the runtime calls {@code start} once before the first broadcast and
 * {@code stop} once at shutdown; {@code publish} may be called from any thread, concurrently. The
 * consumer passed to {@code start} may be called from any thread and never blocks.
 */
public interface BroadcastTransport {

    /**
     * Called once, before any {@code publish}.
     *
     * @param localDelivery delivers a broadcast to this server's connections
     */
    void start(Consumer<Broadcast> localDelivery);

    /**
     * Carries a broadcast to every server, this one included.
     *
     * @return completes when the transport has accepted the broadcast (for the in-process
     *         transport: when it was queued to this server's recipients)
     */
    CompletionStage<Void> publish(Broadcast broadcast);

    /** Called once at shutdown; no {@code publish} follows. */
    void stop();

    /**
     * A transport that keeps the history of channels with {@code @History} itself (so that a client
     * recovers on any server) returns it here; the runtime then reads replays from it, and expects
     * each broadcast published with a {@link Broadcast#keep()} to come back with its
     * {@link Broadcast#positions()}, given in the same order on every server as the offsets. Called
     * after {@link #start}.
     *
     * @return the history, or {@code null} (the default) for the runtime to keep it in memory, per server
     */
    default BroadcastHistory history() {
        return null;
    }

    /**
     * Why this transport cannot carry broadcasts between servers now, for the server's readiness
     * check: while this is not {@code null}, the server reports itself not ready, so that a load
     * balancer sends new clients to a server that can reach the others. Called from any thread, at
     * every health probe: answer from what the transport already knows, without I/O.
     *
     * @return what is wrong, for an operator (what cannot be reached, where), or {@code null} (the
     *         default) while the transport works
     */
    default String unavailable() {
        return null;
    }
}
