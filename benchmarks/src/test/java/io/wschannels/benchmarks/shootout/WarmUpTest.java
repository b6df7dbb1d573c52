package io.wschannels.benchmarks.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warm-up leaves nothing behind: its clients close with a close frame, every server lets go
 * of them, and the measured steps after it count exactly their own clients.
 */
class WarmUpTest {

    @ParameterizedTest
    @ValueSource(strings = {"channel", "channel-netty", "endpoint", "netty", "undertow"})
    void afterTheWarmUpABroadcastCountsOnlyTheMeasuredClients(String kind) throws Exception {
        Ladder.Settings settings = new Ladder.Settings(50, 2, 10, 95, 500, 1000, 10_000, 3, 5);
        try (ShootoutServer.Running server = ShootoutServer.start(kind)) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + ShootoutServer.path(kind));
            new Ladder(settings, line -> {}).warmUp(kind, uri);
            try (Fleet fleet = new Fleet(uri)) {
                fleet.connect(5);
                fleet.beginStep(1);
                fleet.sendBroadcast();
                assertNotNull(fleet.roundTrips.poll(10, TimeUnit.SECONDS), kind);
                assertEquals(5, fleet.lastListenerCount(), kind + ": the warm-up's 150 clients are gone");
                assertNull(fleet.awaitDeliveries(10_000), kind);
                assertTrue(fleet.problems.isEmpty(), kind + ": " + fleet.problems);
            }
        }
    }
}
