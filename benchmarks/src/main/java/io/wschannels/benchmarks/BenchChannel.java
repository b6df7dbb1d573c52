package io.wschannels.benchmarks;

import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** The same job as {@link RawEndpoint}, as a channel: rooms from the registry, broadcast by audience. */
@Route("/chan/{room}")
// The idle-heap run opens 10,000 connections, the default limit; the sender sends bursts.
@Limits(maxConnections = 100_000, messagesPerSecond = 0)
public class BenchChannel extends Channel {

    @Inject
    Registry<BenchChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
    }

    @Override
    public void onMessage(String message) {
        if (message.charAt(0) == 'B') {
            registry.room(message.substring(1, message.indexOf('|'))).broadcast(message);
        } else {
            send(message);
        }
    }
}
