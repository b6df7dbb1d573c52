package io.wschannels.tyrus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Limits(idleTimeoutMillis = 400)}: silence is ended, talk is not. */
class IdleTimeoutTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder -> builder.beanClasses(IdleChannel.class));

    @Test
    void aClientThatKeepsSendingWithinTheTimeoutStays() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/idle"))) {
            // 8 messages 250 ms apart: 2 s, five timeouts, never 400 ms without a message.
            for (int i = 0; i < 8; i++) {
                client.send("m" + i);
                assertEquals("m" + i, client.awaitText());
                client.assertNoMoreEvents(Duration.ofMillis(250));
            }
        }
    }

    @Test
    void aSilentClientIsClosedAfterTheTimeoutAndNotBefore() {
        long start = System.nanoTime();
        try (TestClient client = TestClient.connect(server.webSocketUri("/idle"))) {
            client.awaitClose(1000, "Idle timeout");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 400, "closed after " + waited + " ms, before the 400 ms timeout");
        }
        Eventually.await("the idle connection is gone", () -> server.openConnections() == 0);
    }
}
