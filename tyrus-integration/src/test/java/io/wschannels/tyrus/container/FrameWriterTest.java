package io.wschannels.tyrus.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import io.wschannels.tyrus.transport.TransportChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the standalone server (Tyrus) the library writes frames it framed itself, once per broadcast,
 * through Tyrus' transport writer: this reaches that writer on the Tyrus version the build ships,
 * and shows that frames written there and by Tyrus arrive whole and in order. If a Tyrus upgrade
 * moves its internals, this fails (while the library falls back to sending through JSR-356).
 */
class FrameWriterTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65_535, 65_536, 300_000})
    void aFrameWrittenByTheLibraryArrivesWholeBetweenTyrusOwnFrames(int size) throws Exception {
        try (ChannelServer server = ChannelServer.builder()
                        .container(ChannelServer.Container.TYRUS)
                        .port(0)
                        .endpoints(FramingEndpoint.class)
                        .start();
                TestClient client = TestClient.connect(server.webSocketUri("/framing"))) {
            client.send(Integer.toString(size));
            assertEquals("before", client.awaitText());
            assertEquals("y".repeat(size), client.awaitText());
            assertEquals("after", client.awaitText());
        }
    }

    /** Sizes in bytes at the length encoding's boundaries, up to the default message limit; é is 2 bytes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 125, 126, 65_535, 65_536})
    void aBroadcastFramedOnceReachesEveryRecipientWhole(int size) throws Exception {
        String message = size % 2 == 0 ? "\u00e9".repeat(size / 2) : "\u00e9".repeat(size / 2) + "!";
        try (ChannelServer server = ChannelServer.builder()
                .port(0)
                .beanClasses(TransportChannel.class)
                .start()) {
            List<TestClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    TestClient member = TestClient.connect(server.webSocketUri("/t/big"));
                    assertEquals("joined", member.awaitText());
                    members.add(member);
                }
                members.get(0).send(message);
                members.get(0).send("last");
                for (TestClient member : members.subList(1, members.size())) {
                    assertEquals(message, member.awaitText());
                    assertEquals("last", member.awaitText());
                }
            } finally {
                members.forEach(TestClient::close);
            }
        }
    }
}
