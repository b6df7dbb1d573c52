package io.wschannels;

/**
 * The outcome of one broadcast on this server, as {@link Audience#broadcast(String)} reports it.
 *
 * <pre>{@code
 * chat.room("lobby").broadcast("hello").thenAccept(delivery ->
 *         log.info(delivery.recipients() + " queued, " + delivery.failed() + " failed"));
 * }</pre>
 *
 * <p>With a cluster transport (see {@link io.wschannels.spi.BroadcastTransport}) it counts this
 * server's recipients only: each server delivers a broadcast to its own connections.
 *
 * @param recipients how many connections the message was queued for
 * @param failed how many of those writes failed (the connection closed meanwhile, or was too slow
 *     and was closed by its channel's overflow policy)
 */
public record Delivery(int recipients, int failed) {}
