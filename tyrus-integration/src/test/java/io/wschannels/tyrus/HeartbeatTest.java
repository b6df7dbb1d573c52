package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Heartbeats: a peer that answers pings stays; a peer that does not is ended and forgotten. */
class HeartbeatTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    @Test
    void aClientThatAnswersPingsStaysConnectedWellPastTheTimeout() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/heartbeat"))) {
            assertTrue(client.awaitText().startsWith("id:"));
            client.assertNoMoreEvents(Duration.ofMillis(1200)); // three times the pong timeout
            client.send("how many?");
            int pongs = Integer.parseInt(client.awaitText().substring("pongs:".length()));
            assertTrue(pongs >= 5, "the server pinged and the client answered; pongs: " + pongs);
        }
    }

    @Test
    void aPeerThatNeverAnswersIsEndedAndLeavesTheRegistry() throws Exception {
        try (RawClient silent = RawClient.connect(server.port(), "/heartbeat")) {
            String id = silent.readText().substring("id:".length());
            Eventually.await(
                    "the silent peer is in the room",
                    () -> server.registry(HeartbeatChannel.class).count("beating") >= 1);
            // From here on it reads pings but never answers them.
            Lifecycle.await("heartbeat-close:" + id + ":1001:No answer to heartbeats");
            assertTrue(server.registry(HeartbeatChannel.class).connections().stream()
                    .noneMatch(c -> c.id().equals(id)));
            assertEquals(0, server.registry(HeartbeatChannel.class).count("beating"));
        }
    }
}
