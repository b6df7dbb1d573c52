package io.wschannels.benchmarks.shootout;

import io.wschannels.Channel;
import io.wschannels.Handle;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * The websocket-shootout protocol as a channel, written the way the README teaches: {@code echo}
 * comes back to its sender, {@code broadcast} goes to every client, and the sender learns how many
 * it was queued for once every write has finished.
 */
@Route("/shootout")
// Thousands of clients, more than the default 10,000 at the top of the run.
@Limits(maxConnections = 100_000)
public class ShootoutChannel extends Channel {

    /** {@code {"type":"echo"|"broadcast","payload":{...}}}, the payload passed through untouched. */
    public record Message(String type, JsonObject payload) {}

    /** What the sender of a broadcast gets back. */
    public record BroadcastResult(String type, JsonObject payload, int listenerCount) {}

    @Inject
    Registry<ShootoutChannel> registry;

    @Handle("echo")
    void echo(Message message) {
        sendJson(message);
    }

    @Handle("broadcast")
    void broadcast(Message message) {
        registry.all()
                .broadcastJson(message)
                .thenAccept(delivery ->
                        sendJson(new BroadcastResult("broadcastResult", message.payload(), delivery.recipients())));
    }
}
