package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Connection;
import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registries and broadcasts under load, against a real server with real clients. */
class RegistryTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    private static Registry<RoomProbeChannel> registry() {
        return server.registry(RoomProbeChannel.class);
    }

    private static TestClient enter(String room, String user) {
        TestClient client =
                TestClient.connect(server.webSocketUri("/rooms/" + room + (user == null ? "" : "?user=" + user)));
        assertEquals("joined", client.awaitText());
        return client;
    }

    private static void awaitEmpty() {
        Eventually.await(
                "the registry is empty",
                () -> registry().connections().isEmpty()
                        && registry().rooms().isEmpty()
                        && registry().users().isEmpty()
                        && server.openConnections() == 0,
                () -> "connections=" + registry().connections().size() + " rooms="
                        + registry().rooms() + " users=" + registry().users() + " open=" + server.openConnections());
    }

    @Test
    void tenThousandConnectJoinDisconnectCyclesLeaveNothingBehind() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            work.add(threads.submit(() -> {
                for (int i = 0; i < 1250; i++) {
                    int n = thread * 1250 + i;
                    TestClient client = enter("cycle-" + (n % 50), "user-" + (n % 100));
                    if (n % 3 == 0) {
                        client.send("join extra-" + (n % 7));
                        assertEquals("joined extra-" + (n % 7), client.awaitText());
                    }
                    if (n % 2 == 0) {
                        client.abort(); // no close frame
                    } else {
                        client.close();
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        awaitEmpty();
    }

    @Test
    void concurrentJoinsClosesAndBroadcastsLoseNothingAndDuplicateNothing() throws Exception {
        try (LogRecorder log = new LogRecorder("io.wschannels")) {
            List<TestClient> stable = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                stable.add(enter("stress", "stable-" + i));
            }
            Set<String> stableIds =
                    registry().members("stress").stream().map(Connection::id).collect(Collectors.toSet());
            int broadcasters = 4;
            int messages = 500;
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            List<CompletableFuture<Delivery>> deliveries = Collections.synchronizedList(new ArrayList<>());
            for (int b = 0; b < broadcasters; b++) {
                int broadcaster = b;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < messages; i++) {
                        deliveries.add(registry()
                                .room("stress")
                                .broadcast("b" + broadcaster + "-" + i)
                                .toCompletableFuture());
                    }
                    return null;
                }));
            }
            for (int c = 0; c < 4; c++) {
                int churner = c;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        TestClient client =
                                TestClient.connect(server.webSocketUri("/rooms/stress?user=churn-" + churner));
                        client.send("join other-" + churner);
                        if (i % 2 == 0) {
                            client.abort();
                        } else {
                            client.close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
            for (CompletableFuture<Delivery> delivery : deliveries) {
                assertTrue(
                        delivery.get(30, TimeUnit.SECONDS).recipients() >= 20,
                        delivery.join().toString());
            }
            for (TestClient member : stable) {
                Map<Integer, Integer> next = new HashMap<>();
                for (int received = 0; received < broadcasters * messages; received++) {
                    String text = member.awaitText();
                    int dash = text.indexOf('-');
                    int broadcaster = Integer.parseInt(text.substring(1, dash));
                    int sequence = Integer.parseInt(text.substring(dash + 1));
                    int expected = next.getOrDefault(broadcaster, 0);
                    assertEquals(expected, sequence, "order and uniqueness of broadcaster " + broadcaster);
                    next.put(broadcaster, expected + 1);
                }
                member.assertNoMoreEvents(java.time.Duration.ofMillis(100));
            }
            Eventually.await(
                    "only the stable members remain",
                    () -> registry().members("stress").stream()
                            .map(Connection::id)
                            .collect(Collectors.toSet())
                            .equals(stableIds),
                    () -> registry().members("stress").size());
            stable.forEach(TestClient::close);
            awaitEmpty();
            assertTrue(
                    log.records().stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                    () -> "warnings: " + log.records());
        }
    }

    @Test
    void aConnectionInSeveralRoomsOfABroadcastGetsItOnce() {
        try (TestClient both = enter("once-a", null);
                TestClient other = enter("once-b", null)) {
            both.send("join once-b");
            assertEquals("joined once-b", both.awaitText());
            Delivery delivery = registry()
                    .rooms("once-a", "once-b", "nobody-here")
                    .broadcast("once")
                    .toCompletableFuture()
                    .join();
            assertEquals(new Delivery(2, 0), delivery);
            assertEquals("once", both.awaitText());
            assertEquals("once", other.awaitText());
            both.assertNoMoreEvents(java.time.Duration.ofMillis(300));
        }
    }

    @Test
    void readsAreSnapshotsAndMembershipIsVisibleFromEverySide() {
        try (TestClient ann = enter("snap", "ann");
                TestClient bob = enter("snap", "bob")) {
            Set<Connection> before = registry().members("snap");
            ann.send("join snap-2");
            assertEquals("joined snap-2", ann.awaitText());
            Connection annConnection =
                    registry().connectionsOf("ann").iterator().next();
            assertEquals(Set.of("snap", "snap-2"), registry().roomsOf(annConnection));
            assertEquals("ann", registry().userOf(annConnection));
            assertEquals(2, before.size());
            bob.close();
            Eventually.await("bob left", () -> registry().count("snap") == 1);
            assertEquals(2, before.size(), "an earlier snapshot does not change");
            ann.send("leave snap-2");
            assertEquals("left snap-2", ann.awaitText());
            assertEquals(Set.of("snap"), registry().roomsOf(annConnection));
            assertTrue(!registry().rooms().contains("snap-2"), "an empty room disappears");
        }
    }

    @Test
    void aConnectionBelongsToOneUserForItsWholeLife() {
        try (TestClient ann = enter("users", "ann")) {
            ann.send("identify ann");
            assertEquals("identified true", ann.awaitText());
            ann.send("identify bob");
            String refusal = ann.awaitText();
            assertTrue(refusal.startsWith("refused:connection "), refusal);
            assertTrue(
                    refusal.endsWith(" of RoomProbeChannel (/rooms/{room}) is already identified as user 'ann' and"
                            + " cannot become 'bob': a connection belongs to one user for its whole life. Close it and"
                            + " let the"
                            + " client connect again as the other user."),
                    refusal);
        }
    }

    @Test
    void everyAudienceVariantReachesExactlyItsConnections() throws Exception {
        try (TestClient a1 = enter("aud-x", "a");
                TestClient a2 = enter("aud-y", "a");
                TestClient b = enter("aud-x", "b");
                TestClient c = enter("aud-z", "c")) {
            Connection bConnection = registry().connectionsOf("b").iterator().next();
            assertDelivered(registry().room("aud-x").except(bConnection).broadcast("1"), a1);
            assertDelivered(registry().user("a").broadcast("2"), a1, a2);
            assertDelivered(registry().users("a", "c").exceptUser("a").broadcast("3"), c);
            assertDelivered(registry().all().exceptUser("a").broadcast("4"), b, c);
            for (TestClient client : List.of(a1, a2, b, c)) {
                client.assertNoMoreEvents(java.time.Duration.ofMillis(200));
            }
        }
    }

    private static void assertDelivered(
            java.util.concurrent.CompletionStage<Delivery> broadcast, TestClient... recipients) throws Exception {
        Delivery delivery = broadcast.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(recipients.length, delivery.recipients());
        assertEquals(0, delivery.failed());
        for (TestClient recipient : recipients) {
            recipient.awaitText();
        }
    }

    @Test
    void aPeerThatStopsReadingIsClosedWhenItsQueueIsFullWhileTheOthersGetEverything() throws Exception {
        Registry<SlowProbeChannel> slowRegistry = server.registry(SlowProbeChannel.class);
        try (TestClient reader = TestClient.connect(server.webSocketUri("/slow/feed"));
                RawClient stalled = RawClient.connect(server.port(), "/slow/feed", 4096)) {
            assertEquals("joined", reader.awaitText());
            Eventually.await("both are in the room", () -> slowRegistry.count("feed") == 2);
            // From here on the stalled client reads nothing.

            String kib = "x".repeat(1024);
            int total = 16 * 1024; // 16 MiB: more than the socket buffers can absorb
            int failed = 0;
            List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
            // In windows of 16 KiB, well under the 64 KiB queue: a reader that keeps up within its
            // queue is never closed, however the container hands writes to its I/O threads.
            for (int window = 0; window < total; window += 16) {
                for (int i = window; i < window + 16; i++) {
                    deliveries.add(
                            slowRegistry.room("feed").broadcast(i + ":" + kib).toCompletableFuture());
                }
                for (int i = window; i < window + 16; i++) {
                    String text = reader.awaitText();
                    assertEquals(i + ":", text.substring(0, text.indexOf(':') + 1));
                }
            }
            for (CompletableFuture<Delivery> delivery : deliveries) {
                failed += delivery.get(30, TimeUnit.SECONDS).failed();
            }
            assertTrue(failed > 0, "some writes to the stalled peer failed");
            assertEquals(1, slowRegistry.count("feed"), "the stalled peer left the room");
            assertTrue(slowRegistry.connections().stream().allMatch(c -> c.queuedBytes() <= 64 * 1024));
        }
    }
}
