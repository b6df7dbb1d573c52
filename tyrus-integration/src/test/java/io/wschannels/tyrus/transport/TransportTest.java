package io.wschannels.tyrus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.spi.Broadcast;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every broadcast passes through the application's transport; a payload is serialized once. */
class TransportTest {

    @Test
    void everyBroadcastPassesThroughTheApplicationsTransportAsPlainData() throws Exception {
        try (ChannelServer server = ChannelServer.builder()
                        .port(0)
                        .beanClasses(TransportChannel.class, RecordingTransport.class)
                        .start();
                TestClient ann = TestClient.connect(server.webSocketUri("/t/lobby"));
                TestClient bob = TestClient.connect(server.webSocketUri("/t/lobby"))) {
            assertEquals("joined", ann.awaitText());
            assertEquals("joined", bob.awaitText());
            // "joined" is sent from onConnect; the registry lists a connection once onConnect has
            // returned, a moment later, on the connection's own thread.
            Eventually.await(
                    "both connections are registered",
                    () -> server.registry(TransportChannel.class).connections().size() == 2);
            ann.send("hello");
            assertEquals("hello", bob.awaitText());
            List<Broadcast> carried = server.bean(RecordingTransport.class).carried();
            assertEquals(1, carried.size());
            Broadcast broadcast = carried.get(0);
            assertEquals(TransportChannel.class.getName(), broadcast.channel());
            assertEquals(Broadcast.Scope.ROOMS, broadcast.target().scope());
            assertEquals(Set.of("lobby"), broadcast.target().names());
            assertEquals(
                    server.registry(TransportChannel.class).connections().stream()
                            .filter(c -> !c.id().equals(broadcast.target().exceptConnection()))
                            .count(),
                    1L);
            assertEquals("hello", broadcast.text());
        }
    }

    @Test
    void aBroadcastIsSerializedOnceWhateverTheNumberOfRecipients() throws Exception {
        try (ChannelServer server = ChannelServer.builder()
                .port(0)
                .beanClasses(TransportChannel.class)
                .start()) {
            List<TestClient> members = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    TestClient member = TestClient.connect(server.webSocketUri("/t/five"));
                    assertEquals("joined", member.awaitText());
                    members.add(member);
                }
                int before = TransportChannel.Counted.SERIALIZED.get();
                members.get(0).send("json");
                for (TestClient member : members) {
                    assertEquals("{\"text\":\"counted\"}", member.awaitText());
                }
                assertEquals(1, TransportChannel.Counted.SERIALIZED.get() - before, "serializations for 5 recipients");
            } finally {
                members.forEach(TestClient::close);
            }
        }
    }
}
