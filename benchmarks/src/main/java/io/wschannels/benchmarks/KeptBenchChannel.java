package io.wschannels.benchmarks;

import io.wschannels.Channel;
import io.wschannels.History;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;

/** {@link BenchChannel} keeping its rooms' last 200 broadcasts: the same job with history on. */
@Route("/kept/{room}")
@History(messages = 200, seconds = 300)
@Limits(maxConnections = 100_000, messagesPerSecond = 0)
public class KeptBenchChannel extends Channel {

    @Inject
    Registry<KeptBenchChannel> registry;

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
