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
 * Every Java server of the shootout speaks the protocol as the driver expects: each broadcast
 * reaches every client once, and its result comes back to the sender with the listener count.
 */
class ProtocolTest {

    @ParameterizedTest
    @ValueSource(strings = {"channel", "channel-netty", "endpoint", "netty", "undertow"})
    void everyBroadcastReachesEveryClientOnceAndItsResultItsSender(String kind) throws Exception {
        try (ShootoutServer.Running server = ShootoutServer.start(kind);
                Fleet fleet = new Fleet(URI.create("ws://127.0.0.1:" + server.port() + ShootoutServer.path(kind)))) {
            fleet.connect(5);
            fleet.beginStep(3);
            for (int i = 0; i < 3; i++) {
                fleet.sendBroadcast();
            }
            for (int i = 0; i < 3; i++) {
                Long roundTrip = fleet.roundTrips.poll(10, TimeUnit.SECONDS);
                assertNotNull(roundTrip, kind + ": broadcast result " + i);
                assertTrue(roundTrip > 0);
            }
            assertNull(fleet.awaitDeliveries(10_000), kind);
            assertTrue(fleet.problems.isEmpty(), kind + ": " + fleet.problems);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "channel-netty", "netty"})
    void aLostDeliveryIsFound(String kind) throws Exception {
        try (ShootoutServer.Running server = ShootoutServer.start(kind);
                Fleet fleet = new Fleet(URI.create("ws://127.0.0.1:" + server.port() + ShootoutServer.path(kind)))) {
            fleet.connect(2);
            fleet.beginStep(2); // two broadcasts counted, one sent: one is missing everywhere
            fleet.sendBroadcast();
            assertNotNull(fleet.roundTrips.poll(10, TimeUnit.SECONDS));
            String problem = fleet.awaitDeliveries(500);
            assertEquals(
                    "2 of 4 broadcast deliveries arrived; broadcast 1 reached 0 of 2 clients;"
                            + " 2 clients did not get exactly 2 broadcasts",
                    problem);
        }
    }
}
