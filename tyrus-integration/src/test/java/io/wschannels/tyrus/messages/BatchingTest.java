package io.wschannels.tyrus.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Batched}: by count, by time, in order, off the I/O threads, nothing lost at close. */
class BatchingTest {

    @RegisterExtension
    static final RunningServer server =
            RunningServer.with(builder -> builder.beanClasses(BatchChannel.class, SlowBatchChannel.class));

    @BeforeEach
    void reset() {
        // The previous test's client may have closed before the server ran its onClose.
        Eventually.await("the earlier connections ran onClose", () -> BatchChannel.OPEN.get() == 0);
        BatchChannel.EVENTS.clear();
    }

    private static String messages(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).collect(Collectors.joining(","));
    }

    @Test
    void tenMessagesMakeOneBatchOfTenWithoutWaitingForTheTimer() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/batch/full"))) {
            for (int i = 0; i < 10; i++) {
                client.send("m" + i);
            }
            // The timer of this channel is a minute: a batch within the test's timeout came by count.
            assertEquals("batch 10: " + messages(0, 10), client.awaitText());
            client.assertNoMoreEvents(Duration.ofMillis(200));
        }
    }

    @Test
    void threeMessagesMakeOneBatchAfterTheDelayAndNotBefore() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/batch"))) {
            long start = System.nanoTime();
            client.send("a");
            client.send("b");
            client.send("c");
            String batch = client.awaitText();
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(batch.startsWith("batch 3: a,b,c on "), batch);
            assertTrue(waited >= 300, "delivered after " + waited + " ms, before the 300 ms delay");
            assertTrue(batch.contains(" on channels-"), "run on the runtime's threads, not the container's: " + batch);
        }
    }

    @Test
    void batchesKeepArrivalOrder() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/batch/full"))) {
            for (int i = 0; i < 25; i++) {
                client.send("m" + i);
            }
            assertEquals("batch 10: " + messages(0, 10), client.awaitText());
            assertEquals("batch 10: " + messages(10, 20), client.awaitText());
            // The last five wait for more, or for the end of the connection.
        }
    }

    @Test
    void aPendingBatchIsDeliveredBeforeTheCloseCallback() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/batch"))) {
            client.send("x");
            client.send("y");
            client.roundTrip();
            client.sendClose(1000, "bye");
            client.awaitClose();
        }
        Eventually.await("the connection ended", () -> BatchChannel.EVENTS.contains("close 1000"));
        assertEquals(List.of("batch x,y", "close 1000"), BatchChannel.EVENTS);
    }

    @Test
    void aPendingBatchIsDeliveredWhenTheServerStops() throws Exception {
        try (ChannelServer own = ChannelServer.builder()
                        .port(0)
                        .beanClasses(BatchChannel.class)
                        .start();
                TestClient client = TestClient.connect(own.webSocketUri("/batch"))) {
            client.send("last");
            client.roundTrip(); // the server has "last", waiting for its batch's delay
            own.close();
            client.awaitClose();
        }
        assertEquals(List.of("batch last", "close 1001"), BatchChannel.EVENTS);
    }
}
