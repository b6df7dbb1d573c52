package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RawClient;
import io.wschannels.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void closingTheServerClosesEveryConnectionWith1001AndRunsTheirCloseCallbacks() throws Exception {
        ChannelServer server = ChannelServer.builder().port(0).start();
        TestClient first = TestClient.connect(server.webSocketUri("/probe/lobby/a"));
        TestClient second = TestClient.connect(server.webSocketUri("/probe/lobby/b"));
        String one = first.awaitJson("hello").getString("id");
        String two = second.awaitJson("hello").getString("id");
        assertEquals(2, server.openConnections());

        server.close();

        first.awaitClose(1001, "Server shutting down");
        second.awaitClose(1001, "Server shutting down");
        Lifecycle.await("close:" + one + ":1001:Server shutting down");
        Lifecycle.await("destroyed:" + one);
        Lifecycle.await("close:" + two + ":1001:Server shutting down");
        Lifecycle.await("destroyed:" + two);
        assertEquals(0, server.openConnections());
        server.close(); // a second close is harmless
    }

    @Test
    void theClosesAreSpreadOverTheDrainWindowSoThatClientsDoNotAllReconnectAtOnce() throws Exception {
        int clients = 120; // over 100: the window is shared, about 8 ms apart
        ChannelServer server = ChannelServer.builder()
                .port(0)
                .drainWindow(Duration.ofSeconds(1))
                .shutdownGrace(Duration.ofMillis(300))
                .start();
        List<RawClient> raw = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(clients);
        try {
            for (int i = 0; i < clients; i++) {
                RawClient client = RawClient.connect(server.port(), "/probe/lobby/u" + i);
                client.readText();
                raw.add(client);
            }
            assertEquals(clients, server.openConnections());
            List<Future<long[]>> closes = new ArrayList<>();
            for (RawClient client : raw) {
                closes.add(readers.submit(() -> new long[] {client.readCloseCode(), System.nanoTime()}));
            }
            long started = System.nanoTime();
            server.close();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Future<long[]> close : closes) {
                long[] codeAndTime = close.get(30, TimeUnit.SECONDS);
                assertEquals(1001, codeAndTime[0]);
                first = Math.min(first, codeAndTime[1]);
                last = Math.max(last, codeAndTime[1]);
            }
            long spreadMs = TimeUnit.NANOSECONDS.toMillis(last - first);
            assertTrue(spreadMs >= 700, "the closes arrived within " + spreadMs + " ms of each other, not over 1 s");
            assertTrue(
                    TimeUnit.NANOSECONDS.toMillis(first - started) < 500,
                    "the first close is sent at once, not after the window");
            assertEquals(0, server.openConnections());
        } finally {
            readers.shutdownNow();
            for (RawClient client : raw) {
                client.close();
            }
            server.close();
        }
    }

    @Test
    void aNegativeDrainWindowIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ChannelServer.builder().drainWindow(Duration.ofSeconds(-1)));
        assertEquals("The drain window cannot be negative: PT-1S", e.getMessage());
    }

    @Test
    void aDrainWindowPropertyThatIsNotSecondsFailsTheStartSayingSo() {
        System.setProperty("channels.drain.window", "10s");
        try {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ChannelServer.builder().port(0).start().close());
            assertTrue(
                    e.getMessage().startsWith("channels.drain.window=10s is not a number of seconds"), e.getMessage());
        } finally {
            System.clearProperty("channels.drain.window");
        }
    }

    @Test
    void plainServerEndpointsAreServedBesideChannels() throws Exception {
        try (ChannelServer server = ChannelServer.builder()
                        .container(ChannelServer.Container.TYRUS)
                        .port(0)
                        .endpoints(PlainEndpoint.class)
                        .start();
                TestClient plain = TestClient.connect(server.webSocketUri("/plain"));
                TestClient channel = TestClient.connect(server.webSocketUri("/probe/lobby/ann"))) {
            plain.send("hi");
            assertEquals("plain:hi", plain.awaitText());
            channel.awaitJson("hello");
        }
        IllegalArgumentException notAnEndpoint = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ChannelServer.builder().endpoints(ProbeChannel.class));
        assertEquals(
                "io.wschannels.tyrus.ProbeChannel is not annotated with @ServerEndpoint; channels are discovered by"
                        + " themselves and need no registration",
                notAnEndpoint.getMessage());
    }

    @Test
    void theNettyContainerRefusesPlainEndpointsBeforeStartingAnything() {
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> ChannelServer.builder()
                        .container(ChannelServer.Container.NETTY)
                        .port(0)
                        .endpoints(PlainEndpoint.class)
                        .start());
        assertEquals(
                "The Netty container serves channels only, not the @ServerEndpoint classes"
                        + " [io.wschannels.tyrus.PlainEndpoint]: serve them with container(Container.TYRUS), or"
                        + " write them as channels",
                refused.getMessage());
    }

    @Test
    void aContainerNameThatNamesNoContainerIsRefusedSayingWhichOnesExist() {
        String before = System.getProperty("channels.container");
        System.setProperty("channels.container", "jetty");
        try {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class,
                    () -> ChannelServer.builder().port(0).start());
            assertEquals("channels.container=jetty names no container: use tyrus or netty", refused.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("channels.container");
            } else {
                System.setProperty("channels.container", before);
            }
        }
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsEndedAfterTheGraceAndItsInstanceDestroyed() throws Exception {
        ChannelServer server = ChannelServer.builder()
                .port(0)
                .shutdownGrace(Duration.ofMillis(500))
                .start();
        try (RawClient silent = RawClient.connect(server.port(), "/probe/lobby/silent")) {
            String hello = silent.readText();
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(hello);
            assertTrue(id.find(), hello);

            server.close(); // the raw client reads nothing more and never sends a close frame

            Lifecycle.awaitMatching(e -> e.startsWith("close:" + id.group(1) + ":1001:"));
            Lifecycle.await("destroyed:" + id.group(1));
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void aClientArrivingWhileTheServerStopsIsRefusedWith1001BeforeAnyChannelIsCreated() throws Exception {
        ChannelServer server = ChannelServer.builder()
                .port(0)
                .shutdownGrace(Duration.ofSeconds(10))
                .start();
        Lifecycle.closeGate = new java.util.concurrent.CountDownLatch(1);
        Thread stopping = new Thread(server::close, "stopping");
        try {
            // A channel whose onClose takes its time keeps close() waiting, with the server still up.
            TestClient slowToClose = TestClient.connect(server.webSocketUri("/probe/lobby/slow?onclose=wait"));
            String id = slowToClose.awaitJson("hello").getString("id");
            stopping.start();
            Lifecycle.await("closing:" + id);
            try (TestClient late = TestClient.connect(server.webSocketUri("/probe/lobby/late"))) {
                late.awaitClose(1001, "Server shutting down");
            }
            slowToClose.close();
        } finally {
            Lifecycle.closeGate.countDown();
            stopping.join(30_000);
        }
        assertEquals(0, server.openConnections());
    }
}
